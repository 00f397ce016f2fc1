#!/usr/bin/env -S gjs -m
// module-server.js — a server made of a module of functions
//
// Copyright 2026 The makemcp-glib authors
// SPDX-License-Identifier: LGPL-2.1-or-later
//
// server.addModule() takes a module namespace: every exported function
// becomes a tool (only those described with Mcp.tool() when any is, and
// never names starting with _).

import Mcp from 'gi://Mcp?version=1.0';
import System from 'system';

import * as textUtils from './text-utils.js';

const server = new Mcp.Server({name: 'text-utils', version: '1.0.0'});
server.addModule(textUtils);

System.exit(server.run());

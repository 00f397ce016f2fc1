/* mcp-method-private.h
 *
 * Copyright 2026 The makemcp-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include <girepository.h>

#include "mcp-request-context.h"
#include "mcp-tool-result.h"

G_BEGIN_DECLS

/* gobject-introspection 1.74 has no g_autoptr() support for its infos,
 * which are all the same reference-counted structure. */
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GIBaseInfo, g_base_info_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GIArgInfo, g_base_info_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GITypeInfo, g_base_info_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GIFunctionInfo, g_base_info_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GIObjectInfo, g_base_info_unref)

/* The internal method model behind McpToolProvider.
 *
 * A method is a C function with arguments described by McpValueTypes. It
 * is fed in one of two ways: from GObject-Introspection (a GIFunctionInfo,
 * or an `_async`/`_finish` pair of them) or from GParamSpecs given in
 * class_init (mcp_tool_provider_class_add_method()). Both produce the same
 * McpMethod, the same JSON Schemas, the same conversions from JSON to
 * GIArgument and back, and the same invocation: only the final call
 * differs (g_function_info_invoke() for introspected methods, a libffi call
 * prepared from the same types for declared ones). */

typedef enum
{
  MCP_VALUE_VOID,
  MCP_VALUE_BOOLEAN,
  MCP_VALUE_INT8,
  MCP_VALUE_UINT8,
  MCP_VALUE_INT16,
  MCP_VALUE_UINT16,
  MCP_VALUE_INT32,
  MCP_VALUE_UINT32,
  MCP_VALUE_INT64,
  MCP_VALUE_UINT64,
  MCP_VALUE_FLOAT,
  MCP_VALUE_DOUBLE,
  MCP_VALUE_STRING,       /* utf8 */
  MCP_VALUE_FILENAME,     /* filename, in the GLib filename encoding */
  MCP_VALUE_ENUM,         /* a registered GEnum: its nick */
  MCP_VALUE_FLAGS,        /* a registered GFlags: an array of nicks */
  MCP_VALUE_LIST,         /* an array or list of strings or numbers */
  MCP_VALUE_JSON_NODE,
  MCP_VALUE_JSON_OBJECT,
  MCP_VALUE_JSON_ARRAY,
  MCP_VALUE_VARIANT,      /* through json-glib's GVariant mapping */
  MCP_VALUE_BYTES,        /* GBytes: base64 */
  MCP_VALUE_OBJECT,       /* a GObject: an object of its readable properties (output only) */
  MCP_VALUE_TOOL_RESULT,  /* an McpToolResult, sent as it is (output only) */
  MCP_VALUE_CONTEXT,      /* the McpRequestContext of the call (input only, not in the schema) */
  MCP_VALUE_CANCELLABLE,  /* the GCancellable of the call (input only, not in the schema) */
  MCP_VALUE_ASYNC_RESULT, /* the GAsyncResult given to a _finish function */
} McpValueKind;

typedef enum
{
  MCP_CONTAINER_C_ARRAY,
  MCP_CONTAINER_GARRAY,
  MCP_CONTAINER_GPTRARRAY,
  MCP_CONTAINER_GLIST,
  MCP_CONTAINER_GSLIST,
} McpContainer;

typedef struct _McpValueType McpValueType;

struct _McpValueType
{
  McpValueKind   kind;
  GType          gtype;           /* ENUM, FLAGS, OBJECT */
  McpContainer   container;       /* LIST */
  McpValueType  *element;         /* LIST */
  int            length_arg;      /* LIST as a C array: index of its length argument, or -1 */
  int            fixed_size;      /* LIST as a C array: its fixed size, or -1 */
  gboolean       zero_terminated; /* LIST as a C array */
  GVariantType  *variant_type;    /* VARIANT, when known */
  GParamSpec    *pspec;           /* when described by a GParamSpec: ranges, default, blurb */
};

McpValueType *mcp_value_type_new                (McpValueKind   kind);
McpValueType *mcp_value_type_new_for_type_info  (GITypeInfo    *info,
                                                 GError       **error);
McpValueType *mcp_value_type_new_for_pspec      (GParamSpec    *pspec,
                                                 GError       **error);
McpValueType *mcp_value_type_new_for_gtype      (GType          gtype,
                                                 GError       **error);
void          mcp_value_type_free               (McpValueType  *type);
gboolean      mcp_value_type_is_structured      (McpValueType  *type);
GITypeTag     mcp_value_type_get_storage        (McpValueType  *type,
                                                 gboolean      *is_pointer);
JsonObject   *mcp_value_type_to_schema          (McpValueType  *type,
                                                 gboolean       nullable);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (McpValueType, mcp_value_type_free)

/* What a conversion allocated, freed once the call is over. */
typedef struct _McpCleanup McpCleanup;

McpCleanup   *mcp_cleanup_new                   (void);
void          mcp_cleanup_add                   (McpCleanup    *cleanup,
                                                 gpointer       data,
                                                 GDestroyNotify destroy);
void          mcp_cleanup_free                  (McpCleanup    *cleanup);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (McpCleanup, mcp_cleanup_free)

gboolean      mcp_value_from_json               (McpValueType  *type,
                                                 JsonNode      *node,
                                                 const char    *name,
                                                 McpCleanup    *cleanup,
                                                 GIArgument    *arg,
                                                 gsize         *length,
                                                 GError       **error);
JsonNode     *mcp_value_to_json                 (McpValueType  *type,
                                                 GIArgument    *arg,
                                                 gssize         length,
                                                 GError       **error);
char         *mcp_value_to_text                 (McpValueType  *type,
                                                 GIArgument    *arg);
void          mcp_value_release                 (McpValueType  *type,
                                                 GIArgument    *arg,
                                                 GITransfer     transfer,
                                                 gssize         length);
gboolean      mcp_value_from_gvalue             (McpValueType  *type,
                                                 const GValue  *value,
                                                 GIArgument    *arg);
void          mcp_value_to_gvalue               (McpValueType  *type,
                                                 GIArgument    *arg,
                                                 GValue        *value);

/* Methods */

typedef enum
{
  MCP_ARG_INPUT,        /* from the JSON arguments */
  MCP_ARG_OUTPUT,       /* an out argument: part of the result */
  MCP_ARG_LENGTH,       /* the length of an array argument, computed */
  MCP_ARG_CONTEXT,      /* the McpRequestContext of the call */
  MCP_ARG_CANCELLABLE,  /* the GCancellable of the call */
  MCP_ARG_CALLBACK,     /* the GAsyncReadyCallback of an _async function */
  MCP_ARG_USER_DATA,    /* its user data */
  MCP_ARG_ASYNC_RESULT, /* the GAsyncResult of a _finish function */
} McpArgRole;

typedef struct
{
  char          *name;
  char          *description;
  McpValueType  *type;
  McpArgRole     role;
  GITransfer     transfer;
  gboolean       nullable;
  gboolean       optional;
  JsonNode      *default_value;   /* given when the argument is left out */
  int            length_of;       /* LENGTH: the argument it is the length of, or -1 */
} McpMethodArg;

typedef struct _McpMethod McpMethod;

McpMethod    *mcp_method_new_for_function_info  (GIFunctionInfo *info,
                                                 GIFunctionInfo *finish_info,
                                                 GError        **error);
McpMethod    *mcp_method_new_for_pspecs         (const char     *name,
                                                 const char     *description,
                                                 GCallback       func,
                                                 GCallback       finish_func,
                                                 GType           return_type,
                                                 guint           n_params,
                                                 GParamSpec    **pspecs,
                                                 GError        **error);
McpMethod    *mcp_method_ref                    (McpMethod      *method);
void          mcp_method_unref                  (McpMethod      *method);
const char   *mcp_method_get_name               (McpMethod      *method);
void          mcp_method_set_name               (McpMethod      *method,
                                                 const char     *name);
const char   *mcp_method_get_c_name             (McpMethod      *method);
const char   *mcp_method_get_description        (McpMethod      *method);
void          mcp_method_set_description        (McpMethod      *method,
                                                 const char     *description);
const char   *mcp_method_get_title              (McpMethod      *method);
void          mcp_method_set_title              (McpMethod      *method,
                                                 const char     *title);
JsonObject   *mcp_method_get_annotations        (McpMethod      *method);
void          mcp_method_set_hint               (McpMethod      *method,
                                                 const char     *hint,
                                                 gboolean        value);
gboolean      mcp_method_is_async               (McpMethod      *method);
gboolean      mcp_method_is_static              (McpMethod      *method);
GPtrArray    *mcp_method_get_args               (McpMethod      *method);
void          mcp_method_set_arg_description    (McpMethod      *method,
                                                 const char     *arg_name,
                                                 const char     *description);
void          mcp_method_set_return_description (McpMethod      *method,
                                                 const char     *description);
JsonObject   *mcp_method_get_input_schema       (McpMethod      *method);
JsonObject   *mcp_method_get_output_schema      (McpMethod      *method);
void          mcp_method_invoke_async           (McpMethod           *method,
                                                 GObject             *instance,
                                                 McpRequestContext   *context,
                                                 JsonObject          *arguments,
                                                 GCancellable        *cancellable,
                                                 GAsyncReadyCallback  callback,
                                                 gpointer             user_data);
McpToolResult *mcp_method_invoke_finish         (McpMethod           *method,
                                                 GAsyncResult        *result,
                                                 GError             **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (McpMethod, mcp_method_unref)

/* Documentation from a .gir file (mcp-gir-docs.c) */

typedef struct _McpGirDocs McpGirDocs;

McpGirDocs   *mcp_gir_docs_load                 (GFile          *file,
                                                 const char     *class_name,
                                                 GError        **error);
void          mcp_gir_docs_free                 (McpGirDocs     *docs);
const char   *mcp_gir_docs_get_class            (McpGirDocs     *docs);
const char   *mcp_gir_docs_get_method           (McpGirDocs     *docs,
                                                 const char     *method);
const char   *mcp_gir_docs_get_parameter        (McpGirDocs     *docs,
                                                 const char     *method,
                                                 const char     *parameter);
const char   *mcp_gir_docs_get_return           (McpGirDocs     *docs,
                                                 const char     *method);
const char   *mcp_gir_docs_get_property         (McpGirDocs     *docs,
                                                 const char     *property);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (McpGirDocs, mcp_gir_docs_free)

G_END_DECLS

/* makemcp-serve.c — serving the tool providers of a typelib
 *
 * Copyright 2026 The makemcp-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * `makemcp serve --typelib Calc-1.0 [--class Calculator]` loads the typelib
 * (and with it the shared library), makes one instance of each
 * McpToolProvider subclass of the namespace (or of the classes named) and
 * serves them over stdio, or over Streamable HTTP with --http. A missing
 * typelib or library is reported with the Debian package that usually
 * provides it, as MakeMCP reports a missing Python module with the pip
 * command that installs it.
 */

#include "config.h"

#include <signal.h>
#include <stdio.h>
#include <string.h>

#include <girepository.h>
#include <glib-unix.h>
#include <gmodule.h>

#include "makemcp.h"

/* GObject-Introspection 1.74 has no autoptr for its infos. */
typedef GIBaseInfo ServeBaseInfo;
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ServeBaseInfo, g_base_info_unref)

#ifdef HAVE_AVAHI
gpointer makemcp_advertise_start (const char  *name,
                                  guint        port,
                                  const char  *path,
                                  GError     **error);
void     makemcp_advertise_stop  (gpointer     handle);
#endif

/* Debian names the package of a typelib gir1.2-<namespace>-<version>,
 * lower case, except for the ones GLib itself ships. */
static char *
typelib_package (const char *name_space,
                 const char *version)
{
  static const char * const glib_namespaces[] = { "GLib", "GObject", "Gio", "GModule", "GioUnix", "GLibUnix", NULL };
  g_autofree char *lower = g_ascii_strdown (name_space, -1);

  if (g_strv_contains (glib_namespaces, name_space))
    return g_strdup ("gir1.2-glib-2.0");
  return g_strdup_printf ("gir1.2-%s-%s", lower, version);
}

/* And the package of a shared library after its soname: libfoo-1.0.so.0
 * in libfoo-1.0-0, libfoo.so.3 in libfoo3. */
static char *
library_package (const char *soname)
{
  g_autofree char *base = g_path_get_basename (soname);
  const char *so = strstr (base, ".so");
  g_autofree char *stem = NULL;
  const char *number;

  if (so == NULL)
    return NULL;

  stem = g_ascii_strdown (base, so - base);
  number = so[3] == '.' ? so + 4 : NULL;
  if (number == NULL || *number == '\0')
    return g_strdup_printf ("%s-dev", stem);
  {
    g_autofree char *major = g_strndup (number, strcspn (number, "."));

    if (g_ascii_isdigit (stem[strlen (stem) - 1]))
      return g_strdup_printf ("%s-%s", stem, major);
    return g_strdup_printf ("%s%s", stem, major);
  }
}

static int
report_missing_typelib (const char   *name_space,
                        const char   *version,
                        const GError *error)
{
  g_autofree char *package = typelib_package (name_space, version);
  g_autoptr(GString) path = g_string_new (NULL);
  GSList *search = g_irepository_get_search_path ();

  for (GSList *l = search; l != NULL; l = l->next)
    g_string_append_printf (path, "%s%s", path->len > 0 ? ":" : "", (char *)l->data);

  g_printerr ("makemcp: the typelib %s-%s was not found: %s\n"
              "  Searched: %s (add directories with --typelib-dir or GI_TYPELIB_PATH)\n"
              "  On Debian, typelibs come in gir1.2-* packages; this one is usually in %s:\n"
              "    sudo apt install %s\n",
              name_space, version, error->message, path->str, package, package);
  return EXIT_NOT_FOUND;
}

/* The type could not be had: the library behind the typelib is missing
 * or broken. Find out which, and say what to install. */
static int
report_missing_library (const char *name_space,
                        const char *type_name)
{
  const char *libraries = g_irepository_get_shared_library (NULL, name_space);
  g_auto(GStrv) names = g_strsplit (libraries != NULL ? libraries : "", ",", -1);

  g_printerr ("makemcp: the class %s.%s cannot be loaded: ", name_space, type_name);
  for (guint i = 0; names[i] != NULL; i++)
    {
      GModule *module = g_module_open (names[i], G_MODULE_BIND_LAZY | G_MODULE_BIND_LOCAL);

      if (module != NULL)
        {
          g_module_close (module);
          continue;
        }

      {
        g_autofree char *package = library_package (names[i]);

        g_printerr ("its library %s does not load (%s)\n", names[i], g_module_error ());
        if (package != NULL)
          g_printerr ("  On Debian it usually comes with the package %s:\n    sudo apt install %s\n"
                      "  (or add its directory with --library-dir or LD_LIBRARY_PATH)\n", package, package);
        return EXIT_NOT_FOUND;
      }
    }

  g_printerr ("its type function is missing from %s\n", libraries != NULL ? libraries : "the program");
  return EXIT_NOT_FOUND;
}

static gboolean
quit_cb (gpointer user_data)
{
  g_main_loop_quit (user_data);
  return G_SOURCE_REMOVE;
}

static int
serve_http (McpServer   *server,
            const char  *address,
            char       **allowed_hosts,
            gboolean     advertise,
            const char  *name)
{
  g_autoptr(McpHttpTransport) transport = mcp_http_transport_new (server);
  g_autoptr(GSocketAddress) socket_address = NULL;
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  g_autoptr(GError) error = NULL;
  g_autoptr(GUri) uri = NULL;
  g_autofree char *host = NULL;
  g_autofree char *url = NULL;
  const char *colon = strrchr (address, ':');
  const char *port_text = colon != NULL ? colon + 1 : address;
  guint64 port = 0;
#ifdef HAVE_AVAHI
  gpointer advertisement = NULL;
#endif

  if (!g_ascii_string_to_unsigned (port_text, 10, 0, 65535, &port, NULL))
    {
      g_printerr ("makemcp: “%s” is not ADDRESS:PORT or PORT\n", address);
      return EXIT_USAGE;
    }

  host = colon != NULL ? g_strndup (address, colon - address) : g_strdup ("127.0.0.1");
  if (host[0] == '[' && host[strlen (host) - 1] == ']')
    {
      char *bare = g_strndup (host + 1, strlen (host) - 2);

      g_free (host);
      host = bare;
    }
  if ((socket_address = g_inet_socket_address_new_from_string (host, (guint)port)) == NULL)
    {
      g_printerr ("makemcp: “%s” is not an IP address\n", host);
      return EXIT_USAGE;
    }

  for (guint i = 0; allowed_hosts != NULL && allowed_hosts[i] != NULL; i++)
    mcp_http_transport_add_allowed_host (transport, allowed_hosts[i]);
  if (g_getenv ("MCP_BEARER_TOKEN") != NULL)
    mcp_http_transport_set_bearer_token (transport, g_getenv ("MCP_BEARER_TOKEN"));

  if (!mcp_http_transport_listen (transport, socket_address, &error))
    {
      g_printerr ("makemcp: cannot listen on %s: %s\n", address, error->message);
      return EXIT_CONNECT;
    }
  mcp_transport_start (MCP_TRANSPORT (transport));

  uri = mcp_http_transport_dup_uri (transport);
  url = g_uri_to_string (uri);
  printf ("%s\n", url);
  fflush (stdout);

  if (advertise)
    {
#ifdef HAVE_AVAHI
      advertisement = makemcp_advertise_start (name, mcp_http_transport_get_port (transport), "/mcp", &error);
      if (advertisement == NULL)
        g_printerr ("makemcp: not advertised on the network: %s\n", error->message);
#else
      g_printerr ("makemcp: not advertised: this makemcp was built without Avahi\n");
#endif
    }

  g_unix_signal_add (SIGINT, quit_cb, loop);
  g_unix_signal_add (SIGTERM, quit_cb, loop);
  g_main_loop_run (loop);

#ifdef HAVE_AVAHI
  if (advertisement != NULL)
    makemcp_advertise_stop (advertisement);
#endif
  mcp_transport_close (MCP_TRANSPORT (transport));
  return EXIT_OK;
}

int
makemcp_cmd_serve (int    argc,
                   char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(McpServer) server = NULL;
  g_autoptr(GPtrArray) providers = g_ptr_array_new_with_free_func (g_object_unref);
  g_auto(GStrv) args = g_strdupv (argv);
  g_auto(GStrv) classes = NULL;
  g_auto(GStrv) typelib_dirs = NULL;
  g_auto(GStrv) library_dirs = NULL;
  g_auto(GStrv) allowed_hosts = NULL;
  g_autofree char *typelib = NULL;
  g_autofree char *http = NULL;
  g_autofree char *name = NULL;
  g_autofree char *name_space = NULL;
  g_autofree char *version = NULL;
  gboolean info = FALSE;
  gboolean advertise = FALSE;
  GOptionEntry entries[] = {
    { "typelib", 't', 0, G_OPTION_ARG_STRING, &typelib, "The GObject-Introspection namespace to serve", "NAME-VERSION" },
    { "class", 'c', 0, G_OPTION_ARG_STRING_ARRAY, &classes,
      "Serve only this class of the namespace (repeatable; default: every tool provider)", "CLASS" },
    { "typelib-dir", 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &typelib_dirs,
      "Look for typelibs (and .gir files) in DIR first", "DIR" },
    { "library-dir", 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &library_dirs,
      "Look for the shared libraries of typelibs in DIR first", "DIR" },
    { "http", 0, 0, G_OPTION_ARG_STRING, &http,
      "Serve Streamable HTTP at /mcp instead of stdio (a bare port binds 127.0.0.1; 0 picks one); "
      "the URL is printed", "ADDRESS:PORT" },
    { "allow-host", 0, 0, G_OPTION_ARG_STRING_ARRAY, &allowed_hosts,
      "Accept this Host header over HTTP besides localhost and IP addresses", "HOST" },
    { "advertise", 'a', 0, G_OPTION_ARG_NONE, &advertise,
      "Advertise the HTTP server on the local network (DNS-SD, _mcp._tcp)", NULL },
    { "name", 'n', 0, G_OPTION_ARG_STRING, &name, "The server's name (default: the namespace)", "NAME" },
    { "info", 0, 0, G_OPTION_ARG_NONE, &info, "Print what would be served as JSON, and exit", NULL },
    G_OPTION_ENTRY_NULL
  };
  const char *dash;
  guint n_infos;

  context = g_option_context_new (NULL);
  g_option_context_set_summary (context,
                                "Serve the tool providers (McpToolProvider subclasses) of a typelib:\n"
                                "their public methods and properties are the tools.");
  g_option_context_set_description (context, "Example:\n  makemcp serve --typelib Calc-1.0 --http 8080\n");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse_strv (context, &args, &error))
    return makemcp_usage_error (context, "%s", error->message);
  if (args[1] != NULL)
    return makemcp_usage_error (context, "Unexpected argument “%s”", args[1]);
  if (typelib == NULL)
    return makemcp_usage_error (context, "No typelib given (--typelib NAME-VERSION)");
  if ((dash = strrchr (typelib, '-')) == NULL || dash == typelib || dash[1] == '\0')
    return makemcp_usage_error (context, "“%s” is not NAME-VERSION, such as Calc-1.0", typelib);
  if (advertise && http == NULL)
    return makemcp_usage_error (context, "--advertise needs --http");

  name_space = g_strndup (typelib, dash - typelib);
  version = g_strdup (dash + 1);

  for (guint i = 0; typelib_dirs != NULL && typelib_dirs[i] != NULL; i++)
    g_irepository_prepend_search_path (typelib_dirs[i]);
  for (guint i = 0; library_dirs != NULL && library_dirs[i] != NULL; i++)
    g_irepository_prepend_library_path (library_dirs[i]);

  if (g_irepository_require (NULL, name_space, version, 0, &error) == NULL)
    return report_missing_typelib (name_space, version, error);

  /* The classes to serve. */
  n_infos = g_irepository_get_n_infos (NULL, name_space);
  for (guint i = 0; i < n_infos; i++)
    {
      g_autoptr(ServeBaseInfo) base = g_irepository_get_info (NULL, name_space, i);
      const char *type_name = g_base_info_get_name (base);
      GType type;

      if (g_base_info_get_type (base) != GI_INFO_TYPE_OBJECT)
        continue;
      if (classes != NULL && !g_strv_contains ((const char * const *)classes, type_name))
        continue;

      type = g_registered_type_info_get_g_type ((GIRegisteredTypeInfo *)base);
      if (type == G_TYPE_INVALID || type == G_TYPE_NONE)
        return report_missing_library (name_space, type_name);

      if (!g_type_is_a (type, MCP_TYPE_TOOL_PROVIDER) || G_TYPE_IS_ABSTRACT (type))
        {
          if (classes != NULL)
            {
              g_printerr ("makemcp: %s.%s is not a tool provider: only subclasses of McpToolProvider "
                          "can be served\n", name_space, type_name);
              return EXIT_NOT_FOUND;
            }
          continue;
        }

      g_ptr_array_add (providers, g_object_new (type, NULL));
    }

  for (guint i = 0; classes != NULL && classes[i] != NULL; i++)
    {
      gboolean found = FALSE;

      for (guint j = 0; j < providers->len; j++)
        {
          g_autoptr(ServeBaseInfo) base = g_irepository_find_by_gtype (NULL, G_OBJECT_TYPE (g_ptr_array_index (providers, j)));

          if (base != NULL && g_strcmp0 (g_base_info_get_name (base), classes[i]) == 0)
            found = TRUE;
        }
      if (!found)
        {
          g_printerr ("makemcp: %s has no class %s\n", typelib, classes[i]);
          return EXIT_NOT_FOUND;
        }
    }

  if (providers->len == 0)
    {
      g_printerr ("makemcp: %s has no tool provider (a subclass of McpToolProvider) to serve\n", typelib);
      return EXIT_NOT_FOUND;
    }

  if (name == NULL)
    name = g_ascii_strdown (name_space, -1);
  server = mcp_server_new (name, version);
  for (guint i = 0; i < providers->len; i++)
    {
      McpToolProvider *provider = g_ptr_array_index (providers, i);

      if (!mcp_tool_provider_check_introspection (provider, &error))
        {
          g_printerr ("makemcp: %s: %s\n", G_OBJECT_TYPE_NAME (provider), error->message);
          return EXIT_NOT_FOUND;
        }
      if (providers->len == 1 && mcp_tool_provider_get_description (provider) != NULL)
        mcp_server_set_description (server, mcp_tool_provider_get_description (provider));
      mcp_server_add_provider (server, provider);
    }

  if (info)
    {
      g_autoptr(JsonObject) description = mcp_server_describe (server);

      makemcp_print_json_object (description);
      return EXIT_OK;
    }

  if (http != NULL)
    return serve_http (server, http, allowed_hosts, advertise, name);

  if (!mcp_server_run_stdio (server, &error))
    {
      g_printerr ("makemcp: %s\n", error->message);
      return EXIT_TOOL_ERROR;
    }
  return EXIT_OK;
}

/* makemcp-discover.c — MCP servers on the local network, through DNS-SD (Avahi)
 *
 * Copyright 2026 The makemcp-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Servers advertise the service type _mcp._tcp with a TXT record
 * path=/mcp (`makemcp serve --http … --advertise` does); `makemcp
 * discover` browses for them for a few seconds and prints their URLs.
 * Avahi is optional at build time (-Davahi=disabled).
 */

#include "config.h"

#include <string.h>

#include "makemcp.h"

#define SERVICE_TYPE "_mcp._tcp"

#ifdef HAVE_AVAHI

#include <avahi-client/client.h>
#include <avahi-client/lookup.h>
#include <avahi-client/publish.h>
#include <avahi-common/error.h>
#include <avahi-glib/glib-malloc.h>
#include <avahi-glib/glib-watch.h>

gpointer makemcp_advertise_start (const char  *name,
                                  guint        port,
                                  const char  *path,
                                  GError     **error);
void     makemcp_advertise_stop  (gpointer     handle);

static GError *
avahi_error (int code)
{
  return g_error_new (G_IO_ERROR, G_IO_ERROR_FAILED, "%s%s", avahi_strerror (code),
                      code == AVAHI_ERR_NO_DAEMON ? " (is avahi-daemon running?)" : "");
}

/* Advertising */

typedef struct
{
  AvahiGLibPoll    *poll;
  AvahiClient      *client;
  AvahiEntryGroup  *group;
  char             *name;
  char             *path;
  guint             port;
} Advertisement;

static void
advertisement_publish (Advertisement *ad)
{
  g_autofree char *txt_path = g_strdup_printf ("path=%s", ad->path);
  int code;

  if (ad->group == NULL)
    ad->group = avahi_entry_group_new (ad->client, NULL, NULL);
  if (ad->group == NULL)
    return;

  code = avahi_entry_group_add_service (ad->group, AVAHI_IF_UNSPEC, AVAHI_PROTO_UNSPEC, 0, ad->name,
                                        SERVICE_TYPE, NULL, NULL, (uint16_t)ad->port, txt_path,
                                        "txtvers=1", NULL);
  if (code >= 0)
    code = avahi_entry_group_commit (ad->group);
  if (code < 0)
    g_printerr ("makemcp: advertising failed: %s\n", avahi_strerror (code));
}

static void
advertise_client_cb (AvahiClient      *client,
                     AvahiClientState  state,
                     void             *user_data)
{
  Advertisement *ad = user_data;

  ad->client = client;
  if (state == AVAHI_CLIENT_S_RUNNING)
    advertisement_publish (ad);
  else if (state == AVAHI_CLIENT_S_COLLISION || state == AVAHI_CLIENT_S_REGISTERING)
    {
      if (ad->group != NULL)
        avahi_entry_group_reset (ad->group);
    }
}

gpointer
makemcp_advertise_start (const char  *name,
                         guint        port,
                         const char  *path,
                         GError     **error)
{
  Advertisement *ad = g_new0 (Advertisement, 1);
  int code = 0;

  avahi_set_allocator (avahi_glib_allocator ());
  ad->poll = avahi_glib_poll_new (NULL, G_PRIORITY_DEFAULT);
  ad->name = g_strdup (name);
  ad->path = g_strdup (path);
  ad->port = port;
  ad->client = avahi_client_new (avahi_glib_poll_get (ad->poll), 0, advertise_client_cb, ad, &code);
  if (ad->client == NULL)
    {
      g_propagate_error (error, avahi_error (code));
      makemcp_advertise_stop (ad);
      return NULL;
    }

  return ad;
}

void
makemcp_advertise_stop (gpointer handle)
{
  Advertisement *ad = handle;

  if (ad->group != NULL)
    avahi_entry_group_free (ad->group);
  if (ad->client != NULL)
    avahi_client_free (ad->client);
  if (ad->poll != NULL)
    avahi_glib_poll_free (ad->poll);
  g_free (ad->name);
  g_free (ad->path);
  g_free (ad);
}

/* Discovering */

typedef struct
{
  AvahiClient *client;
  JsonArray   *found;
  GHashTable  *seen;
  guint        resolving;
  gboolean     all_for_now;
  gboolean     done;
  GError      *error;
} Discovery;

static void
resolve_cb (AvahiServiceResolver   *resolver,
            AvahiIfIndex            interface,
            AvahiProtocol           protocol,
            AvahiResolverEvent      event,
            const char             *name,
            const char             *type,
            const char             *domain,
            const char             *host_name,
            const AvahiAddress     *address,
            uint16_t                port,
            AvahiStringList        *txt,
            AvahiLookupResultFlags  flags,
            void                   *user_data)
{
  Discovery *discovery = user_data;

  if (event == AVAHI_RESOLVER_FOUND)
    {
      char text[AVAHI_ADDRESS_STR_MAX];
      AvahiStringList *entry = avahi_string_list_find (txt, "path");
      char *key = NULL;
      char *value = NULL;
      g_autofree char *url = NULL;
      g_autofree char *path = NULL;
      JsonObject *server;

      avahi_address_snprint (text, sizeof text, address);
      if (entry != NULL && avahi_string_list_get_pair (entry, &key, &value, NULL) == 0 && value != NULL)
        path = g_strdup (value[0] == '/' ? value : "/mcp");
      else
        path = g_strdup ("/mcp");
      avahi_free (key);
      avahi_free (value);

      url = g_strdup_printf (address->proto == AVAHI_PROTO_INET6 ? "http://[%s]:%u%s" : "http://%s:%u%s",
                             text, port, path);
      if (g_hash_table_add (discovery->seen, g_strdup (url)))
        {
          server = json_object_new ();
          json_object_set_string_member (server, "name", name);
          json_object_set_string_member (server, "host", host_name);
          json_object_set_string_member (server, "address", text);
          json_object_set_int_member (server, "port", port);
          json_object_set_string_member (server, "url", url);
          json_array_add_object_element (discovery->found, server);
        }
    }

  avahi_service_resolver_free (resolver);
  discovery->resolving--;
}

static void
browse_cb (AvahiServiceBrowser    *browser,
           AvahiIfIndex            interface,
           AvahiProtocol           protocol,
           AvahiBrowserEvent       event,
           const char             *name,
           const char             *type,
           const char             *domain,
           AvahiLookupResultFlags  flags,
           void                   *user_data)
{
  Discovery *discovery = user_data;

  switch (event)
    {
    case AVAHI_BROWSER_NEW:
      if (avahi_service_resolver_new (discovery->client, interface, protocol, name, type, domain,
                                      AVAHI_PROTO_UNSPEC, 0, resolve_cb, discovery) != NULL)
        discovery->resolving++;
      break;

    case AVAHI_BROWSER_ALL_FOR_NOW:
      discovery->all_for_now = TRUE;
      break;

    case AVAHI_BROWSER_FAILURE:
      discovery->error = avahi_error (avahi_client_errno (discovery->client));
      discovery->done = TRUE;
      break;

    case AVAHI_BROWSER_REMOVE:
    case AVAHI_BROWSER_CACHE_EXHAUSTED:
    default:
      break;
    }
}

static gboolean
discover_timeout_cb (gpointer user_data)
{
  Discovery *discovery = user_data;

  discovery->done = TRUE;
  return G_SOURCE_REMOVE;
}

int
makemcp_cmd_discover (int    argc,
                      char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) args = g_strdupv (argv);
  g_autofree char *output = NULL;
  double seconds = 3;
  GOptionEntry entries[] = {
    { "timeout", 't', 0, G_OPTION_ARG_DOUBLE, &seconds, "How long to listen (default 3)", "SECONDS" },
    { "output", 'o', 0, G_OPTION_ARG_STRING, &output,
      "Output format: text, json, or auto (text on a terminal, JSON otherwise)", "FORMAT" },
    G_OPTION_ENTRY_NULL
  };
  Discovery discovery = { NULL, };
  AvahiGLibPoll *poll;
  AvahiServiceBrowser *browser = NULL;
  guint timeout;
  int code = 0;
  int status = EXIT_OK;

  g_option_context_set_summary (context, "Find MCP servers that advertise themselves on the local network\n"
                                         "(DNS-SD service " SERVICE_TYPE ", through Avahi).");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse_strv (context, &args, &error))
    return makemcp_usage_error (context, "%s", error->message);
  if (args[1] != NULL)
    return makemcp_usage_error (context, "“discover” takes no arguments");
  if (seconds <= 0 || seconds > 3600)
    return makemcp_usage_error (context, "The timeout must be between 0 and 3600 seconds");

  avahi_set_allocator (avahi_glib_allocator ());
  poll = avahi_glib_poll_new (NULL, G_PRIORITY_DEFAULT);
  discovery.client = avahi_client_new (avahi_glib_poll_get (poll), 0, NULL, NULL, &code);
  if (discovery.client == NULL)
    {
      g_autoptr(GError) avahi = avahi_error (code);

      g_printerr ("makemcp: cannot browse the network: %s\n", avahi->message);
      avahi_glib_poll_free (poll);
      return EXIT_CONNECT;
    }

  discovery.found = json_array_new ();
  discovery.seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  browser = avahi_service_browser_new (discovery.client, AVAHI_IF_UNSPEC, AVAHI_PROTO_UNSPEC, SERVICE_TYPE,
                                       NULL, 0, browse_cb, &discovery);
  if (browser == NULL)
    {
      g_autoptr(GError) avahi = avahi_error (avahi_client_errno (discovery.client));

      g_printerr ("makemcp: cannot browse the network: %s\n", avahi->message);
      status = EXIT_CONNECT;
      goto out;
    }

  timeout = g_timeout_add ((guint)(seconds * 1000), discover_timeout_cb, &discovery);
  while (!discovery.done && !g_cancellable_is_cancelled (makemcp_cancellable))
    g_main_context_iteration (NULL, TRUE);
  if (!discovery.done)
    g_source_remove (timeout);

  if (discovery.error != NULL)
    {
      g_printerr ("makemcp: browsing failed: %s\n", discovery.error->message);
      status = EXIT_CONNECT;
      goto out;
    }

  if (makemcp_output_mode (output) == OUTPUT_JSON)
    makemcp_print_json_array (discovery.found);
  else if (json_array_get_length (discovery.found) == 0)
    g_printerr ("No MCP server advertises itself on the local network.\n");
  else
    for (guint i = 0; i < json_array_get_length (discovery.found); i++)
      {
        JsonObject *server = json_array_get_object_element (discovery.found, i);

        makemcp_print ("%s%s%s  %s\n", makemcp_bold (), json_object_get_string_member (server, "name"),
                       makemcp_reset (), json_object_get_string_member (server, "url"));
      }

out:
  if (browser != NULL)
    avahi_service_browser_free (browser);
  avahi_client_free (discovery.client);
  avahi_glib_poll_free (poll);
  g_clear_pointer (&discovery.found, json_array_unref);
  g_clear_pointer (&discovery.seen, g_hash_table_unref);
  g_clear_error (&discovery.error);
  return status;
}

#else /* !HAVE_AVAHI */

int
makemcp_cmd_discover (int    argc,
                      char **argv)
{
  g_printerr ("makemcp: this makemcp was built without Avahi (-Davahi=enabled builds it with)\n");
  return EXIT_TOOL_ERROR;
}

#endif

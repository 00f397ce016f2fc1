/* mcp-tool-provider.c
 *
 * Copyright 2026 The makemcp-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <string.h>

#include "mcp-enum-types.h"
#include "mcp-error.h"
#include "mcp-provider-tool-private.h"
#include "mcp-server.h"
#include "mcp-tool-private.h"
#include "mcp-tool-provider.h"

/**
 * McpToolProvider:
 *
 * A class whose public methods and properties become MCP tools.
 *
 * Derive a class from `McpToolProvider`, write ordinary methods with
 * ordinary gi-docgen comments, build the program (or library) with
 * g-ir-scanner, and add one instance to a [class@Mcp.Server] with
 * [method@Mcp.Server.add_provider] — or hand the type to
 * [func@Mcp.ToolProvider.run]. Every public method is a tool: its name is
 * the method's name, its description the method's documentation, its input
 * schema comes from the argument types, and its result from the return
 * value and out arguments. That one instance serves every call of every
 * client, so its state persists across calls.
 *
 * ```c
 * struct _CalcCalculator
 * {
 *   McpToolProvider parent_instance;
 *   guint           count;
 * };
 *
 * G_DEFINE_FINAL_TYPE (CalcCalculator, calc_calculator, MCP_TYPE_TOOL_PROVIDER)
 *
 * static void
 * calc_calculator_class_init (CalcCalculatorClass *klass)
 * {
 *   mcp_tool_provider_class_set_namespace (MCP_TOOL_PROVIDER_CLASS (klass), "Calc", "1.0");
 * }
 *
 * // documented like any method: "Adds two integers.", @a, @b, Returns:
 * gint64
 * calc_calculator_add (CalcCalculator *self, gint64 a, gint64 b)
 * {
 *   self->count++;
 *   return a + b;
 * }
 *
 * int
 * main (int argc, char *argv[])
 * {
 *   return mcp_tool_provider_run (CALC_TYPE_CALCULATOR, "calculator", "1.0", argc, argv);
 * }
 * ```
 *
 * ## Discovery
 *
 * The methods are found through GObject-Introspection
 * (`g_irepository_find_by_gtype()`): only those of the class itself, not
 * those of its ancestors, unless %MCP_TOOL_PROVIDER_INHERIT_METHODS is set.
 * Constructors, methods whose name starts with `_` and methods that are not
 * introspectable are never tools; static functions of the class are. A pair
 * `foo_async` / `foo_finish` in the GIO style is one asynchronous tool
 * `foo`, called with a #GCancellable that is cancelled when the client
 * cancels the call or goes away; many calls of it run at once on the main
 * loop. An argument of type [class@Mcp.RequestContext] receives the context
 * of the call (progress, logging), one of type #GCancellable the call's
 * cancellable: neither appears in the schema.
 *
 * GI attributes play the part of MakeMCP's `@mcp_tool`:
 * `(attributes mcp.tool=1)` on a method marks it as a tool, and once any
 * method of a class carries `mcp.tool`, only the marked ones are exposed;
 * `mcp.tool=0` hides one method. `mcp.name`, `mcp.title` and
 * `mcp.description` override the tool's name, title and description;
 * `mcp.read-only`, `mcp.destructive`, `mcp.idempotent` and
 * `mcp.open-world` set its hints; on an argument, `mcp.default` gives the
 * JSON value used when the argument is left out and `mcp.description`
 * overrides its description.
 *
 * Descriptions come from the `.gir` file (a typelib holds no
 * documentation), found with the typelib; see
 * [method@Mcp.ToolProviderClass.set_introspection_data] for the search
 * order. docs/type-mapping.md lists how each C type maps to JSON.
 *
 * ## Properties
 *
 * Readable properties of the class are read-only tools `get_<name>`,
 * writable ones tools `set_<name>` taking `value` with the schema of the
 * #GParamSpec (type, range, enumeration values), and readable ones are
 * resources too, `property://<TypeName>/<name>`, whose subscribers are told
 * when the property's #GObject::notify signal says it changed; see
 * #McpToolProviderFlags.
 *
 * ## Without a typelib
 *
 * A program that does not use g-ir-scanner declares its tools in
 * `class_init` with [method@Mcp.ToolProviderClass.add_method] and
 * [method@Mcp.ToolProviderClass.add_async_method], describing the arguments
 * with #GParamSpecs. They go through the same schemas, checks and calls.
 *
 * ## From Python and JavaScript
 *
 * A subclass written in a binding has no typelib. Its properties are tools
 * as for C; for methods it overrides [vfunc@Mcp.ToolProvider.list_tools],
 * returning [class@Mcp.Tool]s with their own handlers, or dispatching the
 * calls itself in [vfunc@Mcp.ToolProvider.handle_call] (or in
 * [vfunc@Mcp.ToolProvider.call_tool_async], where the binding supports
 * it):
 *
 * ```python
 * class Notes(Mcp.ToolProvider):
 *     count = GObject.Property(type=int, minimum=0, maximum=10)  # get_count, set_count
 *
 *     def __init__(self):
 *         super().__init__()
 *         self.shout = Mcp.Tool.new('shout', 'Shouts')
 *         self.shout.set_input_schema_json('{"type":"object","properties":'
 *                                          '{"text":{"type":"string"}},"required":["text"]}')
 *
 *     def do_list_tools(self):
 *         return Mcp.ToolProvider.do_list_tools(self) + [self.shout]
 *
 *     def do_handle_call(self, tool, invocation):
 *         text = invocation.get_arguments().get_string_member('text')
 *         invocation.return_text(text.upper())
 * ```
 *
 * Keep the tools you return alive (as attributes, as above): the provider
 * and the servers hold them only as long as the binding does not free
 * them.
 */

#define DEFAULT_FLAGS (MCP_TOOL_PROVIDER_PROPERTY_GETTERS | \
                       MCP_TOOL_PROVIDER_PROPERTY_SETTERS | \
                       MCP_TOOL_PROVIDER_PROPERTY_RESOURCES)

typedef struct
{
  GPtrArray *tools;          /* McpTool, built on the first list_tools() */
  GPtrArray *resources;      /* McpResource, built on the first list_resources() */
  guint      lenient : 1;
} McpToolProviderPrivate;

enum {
  PROP_0,
  PROP_LENIENT,
  N_PROPS
};

enum {
  TOOLS_CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

G_DEFINE_ABSTRACT_TYPE_WITH_PRIVATE (McpToolProvider, mcp_tool_provider, G_TYPE_OBJECT)

/* Class data: what class_init declared and what discovery found, one per
 * GType, kept for the life of the process as GTypes are. */

typedef struct
{
  GParamSpec *pspec;
  char       *description;
} PropertyEntry;

typedef struct
{
  GType                 type;
  McpToolProviderFlags  flags;
  gboolean              flags_set;
  char                 *namespace_;
  char                 *version;
  char                 *location;
  GPtrArray            *declared;     /* McpMethod */

  gboolean              discovered;
  GPtrArray            *methods;      /* McpMethod */
  GPtrArray            *properties;   /* PropertyEntry */
  char                 *description;
  GError               *error;
} ClassData;

static GRecMutex class_data_lock;
static GPtrArray *typelib_bytes;   /* GBytes of the typelibs loaded from memory */

static void
property_entry_free (PropertyEntry *entry)
{
  g_param_spec_unref (entry->pspec);
  g_free (entry->description);
  g_free (entry);
}

static ClassData *
class_data_get (GType type)
{
  static GQuark quark;
  ClassData *data;

  if (quark == 0)
    quark = g_quark_from_static_string ("mcp-tool-provider-class-data");

  g_rec_mutex_lock (&class_data_lock);
  if ((data = g_type_get_qdata (type, quark)) == NULL)
    {
      data = g_new0 (ClassData, 1);
      data->type = type;
      data->declared = g_ptr_array_new_with_free_func ((GDestroyNotify)mcp_method_unref);
      g_type_set_qdata (type, quark, data);
    }
  g_rec_mutex_unlock (&class_data_lock);

  return data;
}

static McpToolProviderFlags
effective_flags (GType type)
{
  McpToolProviderFlags flags = DEFAULT_FLAGS;

  g_rec_mutex_lock (&class_data_lock);
  for (GType t = type; t != MCP_TYPE_TOOL_PROVIDER && t != G_TYPE_INVALID; t = g_type_parent (t))
    {
      ClassData *data = class_data_get (t);

      if (data->flags_set)
        {
          flags = data->flags;
          break;
        }
    }
  g_rec_mutex_unlock (&class_data_lock);

  return flags;
}

/* Finding the typelib and the .gir */

static char *
get_program_dir (void)
{
  g_autofree char *exe = g_file_read_link ("/proc/self/exe", NULL);

  return exe != NULL ? g_path_get_dirname (exe) : NULL;
}

static GFile *
location_child (const char *location,
                const char *basename)
{
  g_autoptr(GFile) dir = g_file_new_for_commandline_arg (location);

  return g_file_get_child (dir, basename);
}

static gboolean
require_dependencies (const char  *namespace_,
                      GError     **error)
{
  g_auto(GStrv) dependencies = g_irepository_get_immediate_dependencies (NULL, namespace_);

  for (guint i = 0; dependencies != NULL && dependencies[i] != NULL; i++)
    {
      const char *dash = strrchr (dependencies[i], '-');
      g_autofree char *name = NULL;

      if (dash == NULL)
        continue;
      name = g_strndup (dependencies[i], dash - dependencies[i]);
      if (!g_irepository_require (NULL, name, dash + 1, 0, error))
        return FALSE;
    }

  return TRUE;
}

static gboolean
load_typelib_file (GFile   *file,
                   GError **error)
{
  GBytes *bytes;
  GITypelib *typelib;
  const char *namespace_;
  gsize size = 0;
  gconstpointer data;

  if (!(bytes = g_file_load_bytes (file, NULL, NULL, error)))
    return FALSE;

  /* The repository keeps the typelib, and with it these bytes, for the
   * life of the process: so do we. */
  g_rec_mutex_lock (&class_data_lock);
  if (typelib_bytes == NULL)
    typelib_bytes = g_ptr_array_new ();
  g_ptr_array_add (typelib_bytes, bytes);
  g_rec_mutex_unlock (&class_data_lock);

  data = g_bytes_get_data (bytes, &size);
  if (!(typelib = g_typelib_new_from_const_memory (data, size, error)))
    return FALSE;

  if (!(namespace_ = g_irepository_load_typelib (NULL, typelib, 0, error)))
    {
      g_typelib_free (typelib);
      return FALSE;
    }

  return require_dependencies (namespace_, error);
}

static gboolean
load_typelib_from (GFile   *file,
                   GError **error)
{
  if (!g_file_query_exists (file, NULL))
    return FALSE;
  return load_typelib_file (file, error);
}

static gboolean
ensure_typelib (ClassData  *data,
                GError    **error)
{
  const char *namespace_ = data->namespace_;
  const char *version = data->version;
  g_autoptr(GError) require_error = NULL;
  g_autofree char *basename = NULL;
  g_autofree char *program_dir = NULL;

  if (g_irepository_is_registered (NULL, namespace_, version))
    return TRUE;

  if (version != NULL)
    {
      basename = g_strdup_printf ("%s-%s.typelib", namespace_, version);

      if (data->location != NULL)
        {
          g_autoptr(GFile) file = location_child (data->location, basename);
          g_autoptr(GError) local_error = NULL;

          if (load_typelib_from (file, &local_error))
            return TRUE;
          if (local_error != NULL)
            {
              g_propagate_error (error, g_steal_pointer (&local_error));
              return FALSE;
            }
        }
    }

  if (g_irepository_require (NULL, namespace_, version, 0, &require_error))
    return TRUE;

  /* A program's own typelib next to the program, as meson builds it. */
  if (basename != NULL && (program_dir = get_program_dir ()) != NULL)
    {
      g_autofree char *path = g_build_filename (program_dir, basename, NULL);
      g_autoptr(GFile) file = g_file_new_for_path (path);

      if (load_typelib_from (file, error))
        return TRUE;
      if (error != NULL && *error != NULL)
        return FALSE;
    }

  g_propagate_error (error, g_steal_pointer (&require_error));
  return FALSE;
}

/* Without a namespace, try the leading capitalized words of the type name:
 * "WebScraper" → "Web", "WebScraper". */
static void
guess_typelib (GType type)
{
  const char *name = g_type_name (type);
  g_autofree char *program_dir = get_program_dir ();

  for (const char *p = name; *p != '\0'; p++)
    if (!g_ascii_isalnum (*p))
      return;

  for (gsize i = 1; name[i - 1] != '\0'; i++)
    {
      g_autofree char *candidate = NULL;

      if (name[i] != '\0' && !(g_ascii_isupper (name[i]) && g_ascii_islower (name[i - 1])))
        continue;

      candidate = g_strndup (name, i);
      if (!g_irepository_is_registered (NULL, candidate, NULL) &&
          !g_irepository_require (NULL, candidate, NULL, 0, NULL) &&
          program_dir != NULL)
        {
          g_autoptr(GDir) dir = g_dir_open (program_dir, 0, NULL);
          g_autofree char *prefix = g_strconcat (candidate, "-", NULL);
          const char *entry;

          while (dir != NULL && (entry = g_dir_read_name (dir)) != NULL)
            if (g_str_has_prefix (entry, prefix) && g_str_has_suffix (entry, ".typelib"))
              {
                g_autofree char *path = g_build_filename (program_dir, entry, NULL);
                g_autoptr(GFile) file = g_file_new_for_path (path);

                if (load_typelib_file (file, NULL))
                  break;
              }
        }

      if (g_irepository_find_by_gtype (NULL, type) != NULL)
        {
          g_base_info_unref (g_irepository_find_by_gtype (NULL, type));
          return;
        }
    }
}

static GIObjectInfo *
find_object_info (ClassData  *data,
                  GError    **error)
{
  GIBaseInfo *info;

  if ((info = g_irepository_find_by_gtype (NULL, data->type)) != NULL)
    return (GIObjectInfo *)info;

  if (data->namespace_ != NULL)
    {
      g_autoptr(GError) local_error = NULL;

      if (!ensure_typelib (data, &local_error))
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                       "The typelib %s-%s, which describes %s, could not be loaded: %s",
                       data->namespace_, data->version != NULL ? data->version : "*",
                       g_type_name (data->type), local_error->message);
          return NULL;
        }

      if ((info = g_irepository_find_by_gtype (NULL, data->type)) == NULL)
        g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                     "The typelib %s-%s does not describe %s",
                     data->namespace_, data->version != NULL ? data->version : "*",
                     g_type_name (data->type));
      return (GIObjectInfo *)info;
    }

  guess_typelib (data->type);
  return (GIObjectInfo *)g_irepository_find_by_gtype (NULL, data->type);
}

static GFile *
find_gir_file (ClassData  *data,
               const char *namespace_,
               const char *version)
{
  g_autofree char *basename = g_strdup_printf ("%s-%s.gir", namespace_, version);
  g_autoptr(GPtrArray) candidates = g_ptr_array_new_with_free_func (g_object_unref);
  const char *typelib_path = g_irepository_get_typelib_path (NULL, namespace_);
  const char *gir_path = g_getenv ("GI_GIR_PATH");
  const char * const *system_dirs = g_get_system_data_dirs ();
  g_autofree char *program_dir = get_program_dir ();

  if (data->location != NULL)
    g_ptr_array_add (candidates, location_child (data->location, basename));

  if (typelib_path != NULL && g_path_is_absolute (typelib_path))
    {
      g_autofree char *dir = g_path_get_dirname (typelib_path);
      g_autofree char *path = g_build_filename (dir, basename, NULL);

      g_ptr_array_add (candidates, g_file_new_for_path (path));
    }

  if (gir_path != NULL)
    {
      g_auto(GStrv) dirs = g_strsplit (gir_path, G_SEARCHPATH_SEPARATOR_S, -1);

      for (guint i = 0; dirs[i] != NULL; i++)
        if (dirs[i][0] != '\0')
          {
            g_autofree char *path = g_build_filename (dirs[i], basename, NULL);
            g_ptr_array_add (candidates, g_file_new_for_path (path));
          }
    }

  {
    g_autofree char *path = g_build_filename (g_get_user_data_dir (), "gir-1.0", basename, NULL);
    g_ptr_array_add (candidates, g_file_new_for_path (path));
  }

  for (guint i = 0; system_dirs[i] != NULL; i++)
    {
      g_autofree char *path = g_build_filename (system_dirs[i], "gir-1.0", basename, NULL);
      g_ptr_array_add (candidates, g_file_new_for_path (path));
    }

  if (program_dir != NULL)
    {
      g_autofree char *path = g_build_filename (program_dir, basename, NULL);
      g_ptr_array_add (candidates, g_file_new_for_path (path));
    }

  for (guint i = 0; i < candidates->len; i++)
    if (g_file_query_exists (g_ptr_array_index (candidates, i), NULL))
      return g_object_ref (g_ptr_array_index (candidates, i));

  return NULL;
}

static McpGirDocs *
load_docs (ClassData    *data,
           GIObjectInfo *info)
{
  const char *namespace_ = g_base_info_get_namespace ((GIBaseInfo *)info);
  const char *version = g_irepository_get_version (NULL, namespace_);
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  McpGirDocs *docs;

  if (!(file = find_gir_file (data, namespace_, version)))
    {
      g_debug ("No %s-%s.gir found: the tools of %s have no descriptions",
               namespace_, version, g_type_name (data->type));
      return NULL;
    }

  if (!(docs = mcp_gir_docs_load (file, g_type_name (data->type), &error)))
    {
      g_autofree char *uri = g_file_get_uri (file);
      g_warning ("Cannot read the documentation in %s: %s", uri, error->message);
    }

  return docs;
}

/* Documentation written for gi-docgen, made plain for a model to read:
 * `%NULL` → `null`, `#GFile` → `GFile`, `[class@Gio.File]` → `Gio.File`,
 * `@name` → `name`. */
static char *
plain_doc (const char *text)
{
  static const struct {
    const char *pattern;
    const char *replacement;
  } rules[] = {
    { "%NULL\\b", "null" },
    { "%TRUE\\b", "true" },
    { "%FALSE\\b", "false" },
    { "\\[[a-z_]+@([^\\]]+)\\]", "\\1" },
    { "(^|[^\\w])[#%]([A-Za-z_][A-Za-z0-9_]*)", "\\1\\2" },
    { "(^|[^\\w])@([A-Za-z_][A-Za-z0-9_]*)", "\\1\\2" },
  };
  char *plain;

  if (text == NULL)
    return NULL;

  plain = g_strdup (text);
  for (guint i = 0; i < G_N_ELEMENTS (rules); i++)
    {
      g_autoptr(GRegex) regex = g_regex_new (rules[i].pattern, 0, 0, NULL);
      char *replaced;

      g_assert (regex != NULL);
      replaced = g_regex_replace (regex, plain, -1, 0, rules[i].replacement, 0, NULL);
      if (replaced != NULL)
        {
          g_free (plain);
          plain = replaced;
        }
    }

  return plain;
}

/* The description of an argument or a result is one paragraph: its
 * continuation lines, indented in the doc comment, are joined. */
static char *
plain_paragraph (const char *text)
{
  g_autoptr(GRegex) regex = g_regex_new ("[ \\t]*\\n[ \\t]*", 0, 0, NULL);
  g_autofree char *plain = plain_doc (text);

  if (plain == NULL)
    return NULL;
  return g_regex_replace_literal (regex, plain, -1, 0, " ", 0, NULL);
}

/* Methods */

static gboolean
attribute_is_true (const char *value)
{
  return value != NULL &&
         (g_ascii_strcasecmp (value, "1") == 0 || g_ascii_strcasecmp (value, "true") == 0 ||
          g_ascii_strcasecmp (value, "yes") == 0);
}

/* GI 1.74 attribute values cannot hold spaces: they are percent-decoded,
 * so that `mcp.description=Adds%20two%20numbers` reads "Adds two numbers". */
static char *
decode_attribute (const char *value)
{
  char *decoded;

  if (value == NULL)
    return NULL;
  decoded = g_uri_unescape_string (value, NULL);
  return decoded != NULL ? decoded : g_strdup (value);
}

static char *
method_attribute (GIFunctionInfo *info,
                  GIFunctionInfo *finish_info,
                  const char     *name)
{
  const char *value = g_base_info_get_attribute ((GIBaseInfo *)info, name);

  if (value == NULL && finish_info != NULL)
    value = g_base_info_get_attribute ((GIBaseInfo *)finish_info, name);
  return decode_attribute (value);
}

static void
describe_args (McpMethod      *method,
               GIFunctionInfo *info,
               McpGirDocs     *docs)
{
  const char *name = g_base_info_get_name ((GIBaseInfo *)info);
  int n_args = g_callable_info_get_n_args ((GICallableInfo *)info);

  for (int i = 0; i < n_args; i++)
    {
      g_autoptr(GIArgInfo) arg_info = g_callable_info_get_arg ((GICallableInfo *)info, i);
      const char *arg_name = g_base_info_get_name ((GIBaseInfo *)arg_info);
      const char *attribute = g_base_info_get_attribute ((GIBaseInfo *)arg_info, "mcp.description");
      g_autofree char *description = decode_attribute (attribute);

      if (description == NULL)
        description = plain_paragraph (mcp_gir_docs_get_parameter (docs, name, arg_name));
      if (description != NULL)
        mcp_method_set_arg_description (method, arg_name, description);
    }
}

static void
describe_method (McpMethod      *method,
                 GIFunctionInfo *info,
                 GIFunctionInfo *finish_info,
                 McpGirDocs     *docs)
{
  const char *name = g_base_info_get_name ((GIBaseInfo *)info);
  g_autofree char *returns = NULL;
  static const struct {
    const char *attribute;
    const char *hint;
  } hints[] = {
    { "mcp.read-only", "readOnlyHint" },
    { "mcp.destructive", "destructiveHint" },
    { "mcp.idempotent", "idempotentHint" },
    { "mcp.open-world", "openWorldHint" },
  };

  {
    g_autofree char *tool_name = method_attribute (info, finish_info, "mcp.name");
    g_autofree char *title = method_attribute (info, finish_info, "mcp.title");
    g_autofree char *description = method_attribute (info, finish_info, "mcp.description");

    if (tool_name != NULL)
      mcp_method_set_name (method, tool_name);
    if (title != NULL)
      mcp_method_set_title (method, title);
    if (description == NULL)
      description = plain_doc (mcp_gir_docs_get_method (docs, name));
    mcp_method_set_description (method, description);
  }

  for (guint i = 0; i < G_N_ELEMENTS (hints); i++)
    {
      g_autofree char *value = method_attribute (info, finish_info, hints[i].attribute);

      if (value != NULL)
        mcp_method_set_hint (method, hints[i].hint, attribute_is_true (value));
    }

  describe_args (method, info, docs);
  if (finish_info != NULL)
    describe_args (method, finish_info, docs);

  returns = plain_paragraph (mcp_gir_docs_get_return (docs, finish_info != NULL
                                                            ? g_base_info_get_name (finish_info)
                                                            : name));
  mcp_method_set_return_description (method, returns);
}

static GIFunctionInfo *
find_method (GIObjectInfo *info,
             const char   *base,
             const char   *suffix)
{
  g_autofree char *name = g_strconcat (base, suffix, NULL);

  return g_object_info_find_method (info, name);
}

static void
scan_object_info (ClassData    *data,
                  GIObjectInfo *info,
                  McpGirDocs   *docs,
                  GHashTable   *taken,
                  GPtrArray    *methods)
{
  int n_methods = g_object_info_get_n_methods (info);
  gboolean opt_in = FALSE;

  for (int i = 0; i < n_methods && !opt_in; i++)
    {
      g_autoptr(GIFunctionInfo) method_info = g_object_info_get_method (info, i);

      opt_in = g_base_info_get_attribute ((GIBaseInfo *)method_info, "mcp.tool") != NULL;
    }

  for (int i = 0; i < n_methods; i++)
    {
      g_autoptr(GIFunctionInfo) method_info = g_object_info_get_method (info, i);
      g_autoptr(GIFunctionInfo) finish_info = NULL;
      g_autoptr(McpMethod) method = NULL;
      g_autoptr(GError) error = NULL;
      const char *name = g_base_info_get_name ((GIBaseInfo *)method_info);
      g_autofree char *marker = NULL;
      g_autofree char *base = NULL;

      if ((g_function_info_get_flags (method_info) & GI_FUNCTION_IS_CONSTRUCTOR) || name[0] == '_')
        continue;

      if (g_str_has_suffix (name, "_finish"))
        {
          g_autoptr(GIFunctionInfo) async_info = NULL;

          base = g_strndup (name, strlen (name) - strlen ("_finish"));
          if ((async_info = find_method (info, base, "_async")) != NULL)
            continue;
        }
      else if (g_str_has_suffix (name, "_async"))
        {
          base = g_strndup (name, strlen (name) - strlen ("_async"));
          finish_info = find_method (info, base, "_finish");
        }
      else
        {
          g_autoptr(GIFunctionInfo) async_info = find_method (info, name, "_async");
          g_autoptr(GIFunctionInfo) async_finish = find_method (info, name, "_finish");

          /* foo beside foo_async and foo_finish: the asynchronous one wins */
          if (async_info != NULL && async_finish != NULL)
            continue;
        }

      marker = method_attribute (method_info, finish_info, "mcp.tool");
      if ((marker != NULL && !attribute_is_true (marker)) || (opt_in && marker == NULL))
        continue;

      if (!(method = mcp_method_new_for_function_info (method_info, finish_info, &error)))
        {
          if (marker != NULL)
            g_warning ("%s: the method %s() cannot be a tool: %s",
                       g_type_name (data->type), g_function_info_get_symbol (method_info),
                       error->message);
          else
            g_debug ("%s: the method %s() is not a tool: %s",
                     g_type_name (data->type), g_function_info_get_symbol (method_info),
                     error->message);
          continue;
        }

      describe_method (method, method_info, finish_info, docs);

      if (g_hash_table_contains (taken, mcp_method_get_name (method)))
        continue;
      g_hash_table_add (taken, g_strdup (mcp_method_get_name (method)));
      g_ptr_array_add (methods, g_steal_pointer (&method));
    }
}

static int
compare_methods (gconstpointer a,
                 gconstpointer b)
{
  McpMethod *method_a = *(McpMethod **)a;
  McpMethod *method_b = *(McpMethod **)b;

  return strcmp (mcp_method_get_name (method_a), mcp_method_get_name (method_b));
}

static void
class_data_discover (ClassData *data)
{
  McpToolProviderFlags flags = effective_flags (data->type);
  g_autoptr(GHashTable) taken = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) docs_by_type = g_hash_table_new_full (NULL, NULL, NULL,
                                                              (GDestroyNotify)mcp_gir_docs_free);
  g_autoptr(GArray) types = g_array_new (FALSE, FALSE, sizeof (GType));
  g_autoptr(GTypeClass) type_class = NULL;
  GObjectClass *object_class;
  g_autofree GParamSpec **pspecs = NULL;
  guint n_pspecs = 0;

  data->methods = g_ptr_array_new_with_free_func ((GDestroyNotify)mcp_method_unref);
  data->properties = g_ptr_array_new_with_free_func ((GDestroyNotify)property_entry_free);

  for (GType t = data->type;
       t != MCP_TYPE_TOOL_PROVIDER && t != G_TYPE_INVALID;
       t = g_type_parent (t))
    {
      g_array_append_val (types, t);
      if (!(flags & MCP_TOOL_PROVIDER_INHERIT_METHODS))
        break;
    }

  for (guint i = 0; i < types->len; i++)
    {
      GType type = g_array_index (types, GType, i);
      ClassData *type_data = class_data_get (type);
      g_autoptr(GError) error = NULL;
      g_autoptr(GIObjectInfo) info = NULL;
      McpGirDocs *docs = NULL;

      for (guint j = 0; j < type_data->declared->len; j++)
        {
          McpMethod *method = g_ptr_array_index (type_data->declared, j);

          if (g_hash_table_contains (taken, mcp_method_get_name (method)))
            continue;
          g_hash_table_add (taken, g_strdup (mcp_method_get_name (method)));
          g_ptr_array_add (data->methods, mcp_method_ref (method));
        }

      if (!(info = find_object_info (type_data, &error)))
        {
          if (error != NULL)
            {
              g_debug ("%s", error->message);
              if (data->error == NULL)
                data->error = g_steal_pointer (&error);
            }
          continue;
        }

      docs = load_docs (type_data, info);
      if (docs != NULL)
        g_hash_table_insert (docs_by_type, GSIZE_TO_POINTER (type), docs);
      if (type == data->type && mcp_gir_docs_get_class (docs) != NULL)
        data->description = plain_doc (mcp_gir_docs_get_class (docs));

      scan_object_info (data, info, docs, taken, data->methods);
    }

  g_ptr_array_sort (data->methods, compare_methods);

  type_class = g_type_class_ref (data->type);
  object_class = G_OBJECT_CLASS (type_class);
  pspecs = g_object_class_list_properties (object_class, &n_pspecs);
  for (guint i = 0; i < n_pspecs; i++)
    {
      GParamSpec *pspec = pspecs[i];
      PropertyEntry *entry;
      McpGirDocs *owner_docs;
      gboolean owned = FALSE;
      g_autofree char *description = NULL;

      for (guint j = 0; j < types->len && !owned; j++)
        owned = pspec->owner_type == g_array_index (types, GType, j);
      if (!owned || (pspec->flags & G_PARAM_DEPRECATED))
        continue;

      owner_docs = g_hash_table_lookup (docs_by_type, GSIZE_TO_POINTER (pspec->owner_type));
      description = plain_doc (mcp_gir_docs_get_property (owner_docs, pspec->name));
      if (description == NULL)
        description = g_strdup (g_param_spec_get_blurb (pspec));

      entry = g_new0 (PropertyEntry, 1);
      entry->pspec = g_param_spec_ref (pspec);
      entry->description = g_steal_pointer (&description);
      g_ptr_array_add (data->properties, entry);
    }

  data->discovered = TRUE;
}

static ClassData *
class_data_get_discovered (GType type)
{
  ClassData *data;

  g_rec_mutex_lock (&class_data_lock);
  data = class_data_get (type);
  if (!data->discovered)
    class_data_discover (data);
  g_rec_mutex_unlock (&class_data_lock);

  return data;
}

/* The instance */

static int
compare_tools (gconstpointer a,
               gconstpointer b)
{
  McpTool *tool_a = *(McpTool **)a;
  McpTool *tool_b = *(McpTool **)b;

  return strcmp (mcp_tool_get_name (tool_a), mcp_tool_get_name (tool_b));
}

static void
add_property_tool (McpToolProvider *self,
                   GHashTable      *taken,
                   PropertyEntry   *entry,
                   gboolean         setter)
{
  McpToolProviderPrivate *priv = mcp_tool_provider_get_instance_private (self);
  g_autoptr(GError) error = NULL;
  McpTool *tool;

  if (!(tool = mcp_provider_tool_new_for_property (self, entry->pspec, entry->description,
                                                   setter, &error)))
    {
      g_debug ("%s: %s", G_OBJECT_TYPE_NAME (self), error->message);
      return;
    }

  if (g_hash_table_contains (taken, mcp_tool_get_name (tool)))
    {
      g_object_unref (tool);
      return;
    }

  g_hash_table_add (taken, g_strdup (mcp_tool_get_name (tool)));
  g_ptr_array_add (priv->tools, tool);
}

static void
build_tools (McpToolProvider *self)
{
  McpToolProviderPrivate *priv = mcp_tool_provider_get_instance_private (self);
  ClassData *data = class_data_get_discovered (G_OBJECT_TYPE (self));
  McpToolProviderFlags flags = effective_flags (G_OBJECT_TYPE (self));
  g_autoptr(GHashTable) taken = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  priv->tools = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < data->methods->len; i++)
    {
      McpTool *tool = mcp_provider_tool_new_for_method (self, g_ptr_array_index (data->methods, i));

      g_hash_table_add (taken, g_strdup (mcp_tool_get_name (tool)));
      g_ptr_array_add (priv->tools, tool);
    }

  for (guint i = 0; i < data->properties->len; i++)
    {
      PropertyEntry *entry = g_ptr_array_index (data->properties, i);

      if ((flags & MCP_TOOL_PROVIDER_PROPERTY_GETTERS) && (entry->pspec->flags & G_PARAM_READABLE))
        add_property_tool (self, taken, entry, FALSE);
      if ((flags & MCP_TOOL_PROVIDER_PROPERTY_SETTERS) &&
          (entry->pspec->flags & G_PARAM_WRITABLE) &&
          !(entry->pspec->flags & G_PARAM_CONSTRUCT_ONLY))
        add_property_tool (self, taken, entry, TRUE);
    }

  g_ptr_array_sort (priv->tools, compare_tools);

  for (guint i = 0; i < priv->tools->len; i++)
    mcp_tool_set_lenient (g_ptr_array_index (priv->tools, i), priv->lenient);
}

static GPtrArray *
mcp_tool_provider_real_list_tools (McpToolProvider *self)
{
  McpToolProviderPrivate *priv = mcp_tool_provider_get_instance_private (self);
  GPtrArray *tools;

  if (priv->tools == NULL)
    build_tools (self);

  tools = g_ptr_array_new_full (priv->tools->len, g_object_unref);
  for (guint i = 0; i < priv->tools->len; i++)
    g_ptr_array_add (tools, g_object_ref (g_ptr_array_index (priv->tools, i)));

  return tools;
}

/* Property resources */

typedef struct
{
  GWeakRef      provider;
  GParamSpec   *pspec;
  McpValueType *type;
} PropertyReader;

static void
property_reader_free (PropertyReader *reader)
{
  g_weak_ref_clear (&reader->provider);
  g_param_spec_unref (reader->pspec);
  mcp_value_type_free (reader->type);
  g_free (reader);
}

static McpResourceContents *
read_property (McpResource        *resource,
               McpRequestContext  *context,
               gpointer            user_data,
               GError            **error)
{
  PropertyReader *reader = user_data;
  g_autoptr(GObject) provider = g_weak_ref_get (&reader->provider);
  g_auto(GValue) value = G_VALUE_INIT;
  g_autofree char *text = NULL;
  GIArgument arg;

  if (provider == NULL)
    {
      g_set_error (error, MCP_ERROR, MCP_ERROR_RESOURCE_NOT_FOUND,
                   "Resource not found: %s", mcp_resource_get_uri (resource));
      return NULL;
    }

  g_value_init (&value, G_PARAM_SPEC_VALUE_TYPE (reader->pspec));
  g_object_get_property (provider, reader->pspec->name, &value);
  if (!mcp_value_from_gvalue (reader->type, &value, &arg))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                   "The property “%s” has no JSON mapping", reader->pspec->name);
      return NULL;
    }

  if (mcp_value_type_is_structured (reader->type))
    {
      g_autoptr(JsonNode) node = mcp_value_to_json (reader->type, &arg, -1, error);

      if (node == NULL)
        return NULL;
      text = json_to_string (node, FALSE);
    }
  else
    text = mcp_value_to_text (reader->type, &arg);

  return mcp_resource_contents_new_text (mcp_resource_get_uri (resource),
                                         mcp_resource_get_mime_type (resource),
                                         text != NULL ? text : "");
}

static McpResource *
property_resource_new (McpToolProvider *self,
                       PropertyEntry   *entry)
{
  g_autoptr(McpValueType) type = NULL;
  g_autofree char *uri = NULL;
  g_autofree char *detailed = NULL;
  PropertyReader *reader;
  McpResource *resource;

  if (!(type = mcp_value_type_new_for_pspec (entry->pspec, NULL)) ||
      type->kind == MCP_VALUE_CONTEXT || type->kind == MCP_VALUE_CANCELLABLE ||
      type->kind == MCP_VALUE_ASYNC_RESULT || type->kind == MCP_VALUE_TOOL_RESULT)
    return NULL;

  uri = g_strdup_printf ("property://%s/%s", G_OBJECT_TYPE_NAME (self), entry->pspec->name);
  resource = mcp_resource_new (uri, entry->pspec->name);
  mcp_resource_set_description (resource, entry->description);
  mcp_resource_set_mime_type (resource, mcp_value_type_is_structured (type) ? "application/json"
                                                                           : "text/plain");

  reader = g_new0 (PropertyReader, 1);
  g_weak_ref_init (&reader->provider, self);
  reader->pspec = g_param_spec_ref (entry->pspec);
  reader->type = g_steal_pointer (&type);
  mcp_resource_set_read_func (resource, read_property, reader,
                              (GDestroyNotify)property_reader_free);

  /* Subscribers hear of every change, as GObject announces it */
  detailed = g_strconcat ("notify::", entry->pspec->name, NULL);
  g_signal_connect_object (self, detailed, G_CALLBACK (mcp_resource_notify_updated), resource,
                           G_CONNECT_SWAPPED);

  return resource;
}

static GPtrArray *
mcp_tool_provider_real_list_resources (McpToolProvider *self)
{
  McpToolProviderPrivate *priv = mcp_tool_provider_get_instance_private (self);
  GPtrArray *resources;

  if (priv->resources == NULL)
    {
      ClassData *data = class_data_get_discovered (G_OBJECT_TYPE (self));

      priv->resources = g_ptr_array_new_with_free_func (g_object_unref);
      if (effective_flags (G_OBJECT_TYPE (self)) & MCP_TOOL_PROVIDER_PROPERTY_RESOURCES)
        {
          for (guint i = 0; i < data->properties->len; i++)
            {
              PropertyEntry *entry = g_ptr_array_index (data->properties, i);
              McpResource *resource;

              if ((entry->pspec->flags & G_PARAM_READABLE) &&
                  (resource = property_resource_new (self, entry)) != NULL)
                g_ptr_array_add (priv->resources, resource);
            }
        }
    }

  resources = g_ptr_array_new_full (priv->resources->len, g_object_unref);
  for (guint i = 0; i < priv->resources->len; i++)
    g_ptr_array_add (resources, g_object_ref (g_ptr_array_index (priv->resources, i)));

  return resources;
}

static void
real_call_tool_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  McpToolResult *tool_result;
  GError *error = NULL;

  if (MCP_IS_PROVIDER_TOOL (object))
    tool_result = mcp_provider_tool_invoke_finish (MCP_PROVIDER_TOOL (object), result, &error);
  else
    tool_result = mcp_tool_call_finish (MCP_TOOL (object), result, &error);

  if (tool_result != NULL)
    g_task_return_pointer (task, tool_result, g_object_unref);
  else
    g_task_return_error (task, error);
}

static void
mcp_tool_provider_real_call_tool_async (McpToolProvider     *self,
                                        McpTool             *tool,
                                        McpRequestContext   *context,
                                        JsonObject          *arguments,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, mcp_tool_provider_real_call_tool_async);

  /* The provider's own methods and properties */
  if (MCP_IS_PROVIDER_TOOL (tool))
    mcp_provider_tool_invoke_async (MCP_PROVIDER_TOOL (tool), context, arguments, cancellable,
                                    real_call_tool_cb, g_steal_pointer (&task));
  /* Tools an override of list_tools() added */
  else if (MCP_TOOL_PROVIDER_GET_CLASS (self)->handle_call != NULL)
    {
      g_autoptr(McpToolInvocation) invocation = NULL;

      invocation = mcp_tool_invocation_new (tool, context, arguments, task);
      MCP_TOOL_PROVIDER_GET_CLASS (self)->handle_call (self, tool, invocation);
    }
  else
    mcp_tool_call_async (tool, context, arguments, cancellable,
                         real_call_tool_cb, g_steal_pointer (&task));
}

static McpToolResult *
mcp_tool_provider_real_call_tool_finish (McpToolProvider  *self,
                                         GAsyncResult     *result,
                                         GError          **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
mcp_tool_provider_dispose (GObject *object)
{
  McpToolProvider *self = (McpToolProvider *)object;
  McpToolProviderPrivate *priv = mcp_tool_provider_get_instance_private (self);

  g_clear_pointer (&priv->tools, g_ptr_array_unref);
  g_clear_pointer (&priv->resources, g_ptr_array_unref);

  G_OBJECT_CLASS (mcp_tool_provider_parent_class)->dispose (object);
}

static void
mcp_tool_provider_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  McpToolProvider *self = MCP_TOOL_PROVIDER (object);

  switch (prop_id)
    {
    case PROP_LENIENT:
      g_value_set_boolean (value, mcp_tool_provider_get_lenient (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mcp_tool_provider_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  McpToolProvider *self = MCP_TOOL_PROVIDER (object);

  switch (prop_id)
    {
    case PROP_LENIENT:
      mcp_tool_provider_set_lenient (self, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mcp_tool_provider_class_init (McpToolProviderClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = mcp_tool_provider_dispose;
  object_class->get_property = mcp_tool_provider_get_property;
  object_class->set_property = mcp_tool_provider_set_property;

  klass->list_tools = mcp_tool_provider_real_list_tools;
  klass->list_resources = mcp_tool_provider_real_list_resources;
  klass->call_tool_async = mcp_tool_provider_real_call_tool_async;
  klass->call_tool_finish = mcp_tool_provider_real_call_tool_finish;

  /**
   * McpToolProvider:lenient:
   *
   * Whether arguments are converted leniently before they are checked:
   * the string `"3"` is accepted for an integer, `"true"` for a boolean,
   * a number for a string. Off by default (unless the class sets
   * %MCP_TOOL_PROVIDER_LENIENT): a wrong type is an error that names the
   * argument.
   */
  properties[PROP_LENIENT] =
    g_param_spec_boolean ("lenient", NULL, NULL,
                          FALSE,
                          (G_PARAM_READWRITE |
                           G_PARAM_EXPLICIT_NOTIFY |
                           G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * McpToolProvider::tools-changed:
   * @self: a #McpToolProvider
   *
   * Emitted by [method@Mcp.ToolProvider.tools_changed] when the provider's
   * tools changed. Servers the provider was added to list them again and
   * tell their clients.
   */
  signals[TOOLS_CHANGED] =
    g_signal_new ("tools-changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0,
                  NULL, NULL,
                  NULL,
                  G_TYPE_NONE, 0);
}

static void
mcp_tool_provider_init (McpToolProvider *self)
{
  McpToolProviderPrivate *priv = mcp_tool_provider_get_instance_private (self);

  priv->lenient = (effective_flags (G_OBJECT_TYPE (self)) & MCP_TOOL_PROVIDER_LENIENT) != 0;
}

/**
 * mcp_tool_provider_list_tools: (virtual list_tools)
 * @self: a #McpToolProvider
 *
 * Lists the provider's tools: its methods and properties, or what a
 * subclass's override returns. The same tool objects are returned each
 * time until [method@Mcp.ToolProvider.tools_changed] is called.
 *
 * Returns: (transfer container) (element-type McpTool): the tools
 */
GPtrArray *
mcp_tool_provider_list_tools (McpToolProvider *self)
{
  g_return_val_if_fail (MCP_IS_TOOL_PROVIDER (self), NULL);

  return MCP_TOOL_PROVIDER_GET_CLASS (self)->list_tools (self);
}

/**
 * mcp_tool_provider_list_resources: (virtual list_resources)
 * @self: a #McpToolProvider
 *
 * Lists the provider's resources: by default one for each readable
 * property, `property://<TypeName>/<name>`, read as text (`text/plain`)
 * or, for values that map to JSON arrays and objects, as JSON
 * (`application/json`). A change of the property (its #GObject::notify
 * signal) tells the clients that subscribed to it.
 *
 * Returns: (transfer container) (element-type McpResource): the resources
 */
GPtrArray *
mcp_tool_provider_list_resources (McpToolProvider *self)
{
  g_return_val_if_fail (MCP_IS_TOOL_PROVIDER (self), NULL);

  return MCP_TOOL_PROVIDER_GET_CLASS (self)->list_resources (self);
}

/**
 * mcp_tool_provider_call_tool_async: (virtual call_tool_async)
 * @self: a #McpToolProvider
 * @tool: one of the tools [method@Mcp.ToolProvider.list_tools] returned
 * @context: the request being served
 * @arguments: the arguments, already checked against the tool's input
 *   schema
 * @cancellable: (nullable): a #GCancellable, cancelled when the client
 *   cancels the call or goes away
 * @callback: (scope async): called when the call completes
 * @user_data: closure data for @callback
 *
 * Calls one of the provider's tools. Servers call this for every call of
 * a tool of the provider; the default implementation invokes the method or
 * property behind the tool, or the tool's own handler.
 */
void
mcp_tool_provider_call_tool_async (McpToolProvider     *self,
                                   McpTool             *tool,
                                   McpRequestContext   *context,
                                   JsonObject          *arguments,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_return_if_fail (MCP_IS_TOOL_PROVIDER (self));
  g_return_if_fail (MCP_IS_TOOL (tool));
  g_return_if_fail (MCP_IS_REQUEST_CONTEXT (context));
  g_return_if_fail (arguments != NULL);
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  MCP_TOOL_PROVIDER_GET_CLASS (self)->call_tool_async (self, tool, context, arguments,
                                                       cancellable, callback, user_data);
}

/**
 * mcp_tool_provider_call_tool_finish: (virtual call_tool_finish)
 * @self: a #McpToolProvider
 * @result: the #GAsyncResult given to the callback
 * @error: return location for a #GError
 *
 * Completes [method@Mcp.ToolProvider.call_tool_async]. A #GError from the
 * method becomes a tool result with `isError: true` and its message.
 *
 * Returns: (transfer full): the result of the call, or %NULL with @error
 *   set
 */
McpToolResult *
mcp_tool_provider_call_tool_finish (McpToolProvider  *self,
                                    GAsyncResult     *result,
                                    GError          **error)
{
  g_return_val_if_fail (MCP_IS_TOOL_PROVIDER (self), NULL);
  g_return_val_if_fail (G_IS_ASYNC_RESULT (result), NULL);

  return MCP_TOOL_PROVIDER_GET_CLASS (self)->call_tool_finish (self, result, error);
}

/**
 * mcp_tool_provider_tools_changed:
 * @self: a #McpToolProvider
 *
 * Tells the servers the provider was added to that its tools changed: the
 * default [vfunc@Mcp.ToolProvider.list_tools] builds them anew, and the
 * servers list them again and send `notifications/tools/list_changed` to
 * their clients.
 */
void
mcp_tool_provider_tools_changed (McpToolProvider *self)
{
  McpToolProviderPrivate *priv = mcp_tool_provider_get_instance_private (self);

  g_return_if_fail (MCP_IS_TOOL_PROVIDER (self));

  g_clear_pointer (&priv->tools, g_ptr_array_unref);
  g_signal_emit (self, signals[TOOLS_CHANGED], 0);
}

/**
 * mcp_tool_provider_get_lenient:
 * @self: a #McpToolProvider
 *
 * Gets [property@Mcp.ToolProvider:lenient].
 *
 * Returns: whether arguments are converted leniently
 */
gboolean
mcp_tool_provider_get_lenient (McpToolProvider *self)
{
  McpToolProviderPrivate *priv = mcp_tool_provider_get_instance_private (self);

  g_return_val_if_fail (MCP_IS_TOOL_PROVIDER (self), FALSE);

  return priv->lenient;
}

/**
 * mcp_tool_provider_set_lenient:
 * @self: a #McpToolProvider
 * @lenient: whether to convert arguments leniently
 *
 * Sets [property@Mcp.ToolProvider:lenient].
 */
void
mcp_tool_provider_set_lenient (McpToolProvider *self,
                               gboolean         lenient)
{
  McpToolProviderPrivate *priv = mcp_tool_provider_get_instance_private (self);

  g_return_if_fail (MCP_IS_TOOL_PROVIDER (self));

  lenient = !!lenient;
  if (priv->lenient == (guint)lenient)
    return;

  priv->lenient = lenient;
  for (guint i = 0; priv->tools != NULL && i < priv->tools->len; i++)
    mcp_tool_set_lenient (g_ptr_array_index (priv->tools, i), lenient);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LENIENT]);
}

/**
 * mcp_tool_provider_get_description:
 * @self: a #McpToolProvider
 *
 * Gets the documentation of the provider's class, from its `.gir` file.
 * [func@Mcp.ToolProvider.run] uses it as the server's description.
 *
 * Returns: (nullable): the description
 */
const char *
mcp_tool_provider_get_description (McpToolProvider *self)
{
  g_return_val_if_fail (MCP_IS_TOOL_PROVIDER (self), NULL);

  return class_data_get_discovered (G_OBJECT_TYPE (self))->description;
}

/**
 * mcp_tool_provider_check_introspection:
 * @self: a #McpToolProvider
 * @error: return location for a #GError
 *
 * Checks that the introspection data the class asked for with
 * [method@Mcp.ToolProviderClass.set_namespace] could be loaded. When it
 * cannot, the class's methods are not tools (its declared methods and
 * properties still are); [method@Mcp.Server.run] warns about it.
 *
 * Returns: %TRUE if the methods of the class could be discovered
 */
gboolean
mcp_tool_provider_check_introspection (McpToolProvider  *self,
                                       GError          **error)
{
  ClassData *data;

  g_return_val_if_fail (MCP_IS_TOOL_PROVIDER (self), FALSE);

  data = class_data_get_discovered (G_OBJECT_TYPE (self));
  if (data->error != NULL)
    {
      g_propagate_error (error, g_error_copy (data->error));
      return FALSE;
    }

  return TRUE;
}

/**
 * mcp_tool_provider_class_set_flags:
 * @klass: a #McpToolProviderClass
 * @flags: the options of the class
 *
 * Sets the class-level options of a provider class: which properties are
 * exposed and how, whether methods of ancestor classes are, and whether
 * arguments are converted leniently by default. Call it from `class_init`;
 * subclasses inherit the options unless they set their own.
 */
void
mcp_tool_provider_class_set_flags (McpToolProviderClass *klass,
                                   McpToolProviderFlags  flags)
{
  ClassData *data;

  g_return_if_fail (MCP_IS_TOOL_PROVIDER_CLASS (klass));

  data = class_data_get (G_TYPE_FROM_CLASS (klass));
  data->flags = flags;
  data->flags_set = TRUE;
}

/**
 * mcp_tool_provider_class_get_flags:
 * @klass: a #McpToolProviderClass
 *
 * Gets the class-level options of a provider class, set by it or
 * inherited.
 *
 * Returns: the options
 */
McpToolProviderFlags
mcp_tool_provider_class_get_flags (McpToolProviderClass *klass)
{
  g_return_val_if_fail (MCP_IS_TOOL_PROVIDER_CLASS (klass), DEFAULT_FLAGS);

  return effective_flags (G_TYPE_FROM_CLASS (klass));
}

/**
 * mcp_tool_provider_class_set_namespace:
 * @klass: a #McpToolProviderClass
 * @namespace_: the GObject-Introspection namespace of the class, such as
 *   `"Calc"`
 * @version: (nullable): its version, such as `"1.0"`, or %NULL for the
 *   newest
 *
 * Names the typelib that describes the class, so that it is loaded when
 * the provider's tools are first listed. Without it, a typelib already
 * loaded is used, and otherwise one named after the leading words of the
 * type name is tried (`CalcCalculator` → `Calc`).
 *
 * The typelib is looked for in the directory given to
 * [method@Mcp.ToolProviderClass.set_introspection_data], then in
 * GObject-Introspection's search path (`GI_TYPELIB_PATH`, the directories
 * added with g_irepository_prepend_search_path(), the system typelib
 * directory), then next to the program itself — where meson puts the
 * typelib of an executable built with `gnome.generate_gir()`.
 */
void
mcp_tool_provider_class_set_namespace (McpToolProviderClass *klass,
                                       const char           *namespace_,
                                       const char           *version)
{
  ClassData *data;

  g_return_if_fail (MCP_IS_TOOL_PROVIDER_CLASS (klass));
  g_return_if_fail (namespace_ != NULL);

  data = class_data_get (G_TYPE_FROM_CLASS (klass));
  g_free (data->namespace_);
  g_free (data->version);
  data->namespace_ = g_strdup (namespace_);
  data->version = g_strdup (version);
}

/**
 * mcp_tool_provider_class_set_introspection_data:
 * @klass: a #McpToolProviderClass
 * @location: a directory, as a path or a URI such as
 *   `resource:///org/example/App/gi`
 *
 * Names a directory that holds the class's typelib and `.gir` file,
 * `<namespace>-<version>.typelib` and `<namespace>-<version>.gir` for the
 * namespace and version given to
 * [method@Mcp.ToolProviderClass.set_namespace]. A program that compiles
 * both into a #GResource finds them there without `GI_TYPELIB_PATH`.
 *
 * The `.gir` file, which holds the descriptions of the tools, is looked
 * for in this directory, next to the typelib, in the directories of
 * `GI_GIR_PATH`, in `gir-1.0` under the user and system data directories
 * (`/usr/share/gir-1.0`), and next to the program. Without it, tools have
 * only the descriptions given with `(attributes mcp.description=…)`.
 */
void
mcp_tool_provider_class_set_introspection_data (McpToolProviderClass *klass,
                                                const char           *location)
{
  ClassData *data;

  g_return_if_fail (MCP_IS_TOOL_PROVIDER_CLASS (klass));
  g_return_if_fail (location != NULL);

  data = class_data_get (G_TYPE_FROM_CLASS (klass));
  g_free (data->location);
  data->location = g_strdup (location);
}

static void
add_declared_method (McpToolProviderClass *klass,
                     const char           *name,
                     const char           *description,
                     GCallback             func,
                     GCallback             finish_func,
                     GType                 return_type,
                     guint                 n_params,
                     va_list               args)
{
  g_autoptr(GPtrArray) pspecs = g_ptr_array_new_with_free_func ((GDestroyNotify)g_param_spec_unref);
  g_autoptr(McpMethod) method = NULL;
  g_autoptr(GError) error = NULL;
  ClassData *data;

  for (guint i = 0; i < n_params; i++)
    {
      GParamSpec *pspec = va_arg (args, GParamSpec *);

      if (!G_IS_PARAM_SPEC (pspec))
        {
          g_critical ("%s: argument %u of the tool “%s” is not a GParamSpec",
                      G_STRFUNC, i, name);
          return;
        }
      g_ptr_array_add (pspecs, g_param_spec_ref_sink (pspec));
    }

  if (!(method = mcp_method_new_for_pspecs (name, description, func, finish_func, return_type,
                                            n_params, (GParamSpec **)pspecs->pdata, &error)))
    {
      g_critical ("%s: %s", G_STRFUNC, error->message);
      return;
    }

  data = class_data_get (G_TYPE_FROM_CLASS (klass));
  g_rec_mutex_lock (&class_data_lock);
  for (guint i = 0; i < data->declared->len; i++)
    if (strcmp (mcp_method_get_name (g_ptr_array_index (data->declared, i)), name) == 0)
      {
        g_ptr_array_remove_index (data->declared, i);
        break;
      }
  g_ptr_array_add (data->declared, g_steal_pointer (&method));
  g_rec_mutex_unlock (&class_data_lock);
}

/**
 * mcp_tool_provider_class_add_method: (skip)
 * @klass: a #McpToolProviderClass
 * @name: the name of the tool
 * @description: (nullable): what it does
 * @func: the method, cast with G_CALLBACK()
 * @return_type: the #GType it returns, or %G_TYPE_NONE
 * @n_params: the number of arguments
 * @...: one #GParamSpec for each argument, in order (floating references
 *   are sunk)
 *
 * Declares a synchronous method as a tool, for classes without a typelib.
 * @func has the signature
 * `return_type func (Self *self, arg1, …, argN, GError **error)`, where each
 * argument has the C type of its #GParamSpec: `gboolean`, `gint8`
 * (g_param_spec_char()), `guint8`, `int`, `guint`, `glong`, `gulong`,
 * `gint64`, `guint64`, `float`, `double`, `const char *`, an enumeration
 * or flags type, `const char * const *` (%G_TYPE_STRV), `JsonNode *`,
 * `JsonObject *`, `JsonArray *`, `GBytes *` or `GVariant *`
 * (g_param_spec_variant() with its type). A g_param_spec_object() of
 * [class@Mcp.RequestContext] or #GCancellable receives the call's context
 * or cancellable and is not part of the schema.
 *
 * The name of a #GParamSpec (dashes turned into underscores) is the name
 * of the argument, its blurb the description, its range the bounds in the
 * schema. Arguments are required unless their flags include
 * %MCP_PARAM_OPTIONAL (the default value of the #GParamSpec is passed
 * then); %MCP_PARAM_NULLABLE lets a string or boxed argument be `null`.
 *
 * @return_type may be any of the types above, %G_TYPE_NONE, a #GObject
 * type (returned as the object of its properties) or
 * [class@Mcp.ToolResult]; what @func returns is owned by the caller.
 */
void
mcp_tool_provider_class_add_method (McpToolProviderClass *klass,
                                    const char           *name,
                                    const char           *description,
                                    GCallback             func,
                                    GType                 return_type,
                                    guint                 n_params,
                                    ...)
{
  va_list args;

  g_return_if_fail (MCP_IS_TOOL_PROVIDER_CLASS (klass));
  g_return_if_fail (name != NULL);
  g_return_if_fail (func != NULL);

  va_start (args, n_params);
  add_declared_method (klass, name, description, func, NULL, return_type, n_params, args);
  va_end (args);
}

/**
 * mcp_tool_provider_class_add_async_method: (skip)
 * @klass: a #McpToolProviderClass
 * @name: the name of the tool
 * @description: (nullable): what it does
 * @async_func: the `_async` function, cast with G_CALLBACK()
 * @finish_func: the `_finish` function, cast with G_CALLBACK()
 * @return_type: the #GType @finish_func returns, or %G_TYPE_NONE
 * @n_params: the number of arguments
 * @...: one #GParamSpec for each argument, in order
 *
 * Declares an asynchronous method as a tool, for classes without a
 * typelib. @async_func has the signature
 * `void func_async (Self *self, arg1, …, argN, GCancellable *cancellable,
 * GAsyncReadyCallback callback, gpointer user_data)` and @finish_func
 * `return_type func_finish (Self *self, GAsyncResult *result, GError **error)`;
 * the arguments are described as for
 * [method@Mcp.ToolProviderClass.add_method]. The cancellable is cancelled
 * when the client cancels the call; many calls run at once.
 */
void
mcp_tool_provider_class_add_async_method (McpToolProviderClass *klass,
                                          const char           *name,
                                          const char           *description,
                                          GCallback             async_func,
                                          GCallback             finish_func,
                                          GType                 return_type,
                                          guint                 n_params,
                                          ...)
{
  va_list args;

  g_return_if_fail (MCP_IS_TOOL_PROVIDER_CLASS (klass));
  g_return_if_fail (name != NULL);
  g_return_if_fail (async_func != NULL);
  g_return_if_fail (finish_func != NULL);

  va_start (args, n_params);
  add_declared_method (klass, name, description, async_func, finish_func, return_type,
                       n_params, args);
  va_end (args);
}

/**
 * mcp_tool_provider_run:
 * @provider_type: a #GType derived from #McpToolProvider
 * @name: the name of the server software
 * @version: its version
 * @argc: the number of command-line arguments
 * @argv: (array length=argc): the command-line arguments
 *
 * Runs a server of one provider as the program's main function does:
 * creates an instance of @provider_type, a [class@Mcp.Server] offering its
 * tools (described by the class's documentation), and runs it with
 * [method@Mcp.Server.run].
 *
 * It answers g-ir-scanner's `--introspect-dump` first, before anything else
 * happens, so that `gnome.generate_gir()` works on the program itself.
 *
 * Returns: the exit status for `main()`
 */
int
mcp_tool_provider_run (GType        provider_type,
                       const char  *name,
                       const char  *version,
                       int          argc,
                       char       **argv)
{
  g_autoptr(McpToolProvider) provider = NULL;
  g_autoptr(McpServer) server = NULL;
  const char *dump_prefix = "--introspect-dump=";
  const char *description;

  g_return_val_if_fail (g_type_is_a (provider_type, MCP_TYPE_TOOL_PROVIDER), 1);
  g_return_val_if_fail (name != NULL, 1);
  g_return_val_if_fail (version != NULL, 1);

  if (argc > 1 && argv != NULL && g_str_has_prefix (argv[1], dump_prefix))
    {
      g_autoptr(GError) error = NULL;

      if (!g_irepository_dump (argv[1] + strlen (dump_prefix), &error))
        {
          g_printerr ("%s: %s\n", name, error->message);
          return 1;
        }
      return 0;
    }

  provider = g_object_new (provider_type, NULL);
  server = mcp_server_new (name, version);
  if ((description = mcp_tool_provider_get_description (provider)) != NULL)
    mcp_server_set_description (server, description);
  mcp_server_add_provider (server, provider);

  return mcp_server_run (server, argc, argv);
}

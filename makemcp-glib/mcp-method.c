/* mcp-method.c
 *
 * Copyright 2026 The makemcp-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <string.h>

#include <girffi.h>

#include "mcp-error.h"
#include "mcp-json-private.h"
#include "mcp-method-private.h"
#include "mcp-tool-provider.h"

/* One method of a tool provider: its arguments and results, its schemas,
 * and how to call it. See mcp-method-private.h. */

typedef enum
{
  SHAPE_EMPTY,       /* nothing to return: no content */
  SHAPE_TEXT,        /* one scalar or string: a text block */
  SHAPE_DIRECT,      /* one JSON object or GObject: structuredContent as it is */
  SHAPE_WRAPPED,     /* anything else: structuredContent {"result": …, "<out>": …} */
  SHAPE_TOOL_RESULT, /* an McpToolResult: sent as it is */
} OutputShape;

typedef struct
{
  const char   *name;
  McpValueType *type;
  gboolean      nullable;
  McpMethodArg *arg;         /* NULL for the return value */
  int           arg_index;   /* index in the function's arguments, -1 for the return value */
} Output;

struct _McpMethod
{
  gatomicrefcount  ref_count;

  char            *name;
  char            *c_name;
  char            *title;
  char            *description;
  JsonObject      *annotations;

  GPtrArray       *args;          /* McpMethodArg: the function (or _async function) */
  GPtrArray       *finish_args;   /* McpMethodArg: the _finish function */
  McpValueType    *return_type;
  GITransfer       return_transfer;
  gboolean         return_nullable;
  char            *return_description;

  guint            is_async : 1;
  guint            is_static : 1;

  /* Introspected */
  GIFunctionInfo  *info;
  GIFunctionInfo  *finish_info;

  /* Declared in class_init: called through libffi */
  GCallback        func;
  GCallback        finish_func;
  ffi_cif          cif;
  ffi_cif          finish_cif;
  ffi_type       **atypes;
  ffi_type       **finish_atypes;

  GArray          *outputs;       /* Output */
  OutputShape      shape;
  JsonObject      *input_schema;
  JsonObject      *output_schema;
};

static void
mcp_method_arg_free (McpMethodArg *arg)
{
  g_free (arg->name);
  g_free (arg->description);
  g_clear_pointer (&arg->type, mcp_value_type_free);
  g_clear_pointer (&arg->default_value, json_node_unref);
  g_free (arg);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (McpMethodArg, mcp_method_arg_free)

static McpMethodArg *
mcp_method_arg_new (const char   *name,
                    McpValueType *type,
                    McpArgRole    role)
{
  McpMethodArg *arg = g_new0 (McpMethodArg, 1);

  arg->name = g_strdup (name);
  arg->type = type;
  arg->role = role;
  arg->transfer = GI_TRANSFER_NOTHING;
  arg->length_of = -1;

  return arg;
}

static McpMethod *
mcp_method_new (void)
{
  McpMethod *method = g_new0 (McpMethod, 1);

  g_atomic_ref_count_init (&method->ref_count);
  method->args = g_ptr_array_new_with_free_func ((GDestroyNotify)mcp_method_arg_free);
  method->finish_args = g_ptr_array_new_with_free_func ((GDestroyNotify)mcp_method_arg_free);
  method->outputs = g_array_new (FALSE, TRUE, sizeof (Output));

  return method;
}

McpMethod *
mcp_method_ref (McpMethod *method)
{
  g_atomic_ref_count_inc (&method->ref_count);
  return method;
}

void
mcp_method_unref (McpMethod *method)
{
  if (!g_atomic_ref_count_dec (&method->ref_count))
    return;

  g_free (method->name);
  g_free (method->c_name);
  g_free (method->title);
  g_free (method->description);
  g_clear_pointer (&method->annotations, json_object_unref);
  g_ptr_array_unref (method->args);
  g_ptr_array_unref (method->finish_args);
  g_clear_pointer (&method->return_type, mcp_value_type_free);
  g_free (method->return_description);
  g_clear_pointer (&method->info, g_base_info_unref);
  g_clear_pointer (&method->finish_info, g_base_info_unref);
  g_free (method->atypes);
  g_free (method->finish_atypes);
  g_array_unref (method->outputs);
  g_clear_pointer (&method->input_schema, json_object_unref);
  g_clear_pointer (&method->output_schema, json_object_unref);
  g_free (method);
}

const char *
mcp_method_get_name (McpMethod *method)
{
  return method->name;
}

void
mcp_method_set_name (McpMethod  *method,
                     const char *name)
{
  g_free (method->name);
  method->name = g_strdup (name);
}

const char *
mcp_method_get_c_name (McpMethod *method)
{
  return method->c_name;
}

const char *
mcp_method_get_description (McpMethod *method)
{
  return method->description;
}

void
mcp_method_set_description (McpMethod  *method,
                            const char *description)
{
  g_free (method->description);
  method->description = g_strdup (description);
}

const char *
mcp_method_get_title (McpMethod *method)
{
  return method->title;
}

void
mcp_method_set_title (McpMethod  *method,
                      const char *title)
{
  g_free (method->title);
  method->title = g_strdup (title);
}

JsonObject *
mcp_method_get_annotations (McpMethod *method)
{
  return method->annotations;
}

void
mcp_method_set_hint (McpMethod  *method,
                     const char *hint,
                     gboolean    value)
{
  if (method->annotations == NULL)
    method->annotations = json_object_new ();
  json_object_set_boolean_member (method->annotations, hint, value);
}

gboolean
mcp_method_is_async (McpMethod *method)
{
  return method->is_async;
}

gboolean
mcp_method_is_static (McpMethod *method)
{
  return method->is_static;
}

GPtrArray *
mcp_method_get_args (McpMethod *method)
{
  return method->args;
}

void
mcp_method_set_arg_description (McpMethod  *method,
                                const char *arg_name,
                                const char *description)
{
  for (guint i = 0; i < method->args->len; i++)
    {
      McpMethodArg *arg = g_ptr_array_index (method->args, i);

      if (g_strcmp0 (arg->name, arg_name) == 0)
        {
          g_free (arg->description);
          arg->description = g_strdup (description);
        }
    }
  for (guint i = 0; i < method->finish_args->len; i++)
    {
      McpMethodArg *arg = g_ptr_array_index (method->finish_args, i);

      if (g_strcmp0 (arg->name, arg_name) == 0)
        {
          g_free (arg->description);
          arg->description = g_strdup (description);
        }
    }
}

void
mcp_method_set_return_description (McpMethod  *method,
                                   const char *description)
{
  g_free (method->return_description);
  method->return_description = g_strdup (description);
}

/* Building from GObject-Introspection */

static gboolean
is_output_kind (McpValueKind kind)
{
  return kind != MCP_VALUE_CONTEXT && kind != MCP_VALUE_CANCELLABLE &&
         kind != MCP_VALUE_ASYNC_RESULT;
}

static gboolean
is_integer_kind (McpValueKind kind)
{
  return kind >= MCP_VALUE_INT8 && kind <= MCP_VALUE_UINT64;
}

static gboolean
is_async_ready_callback (GITypeInfo *type_info)
{
  g_autoptr(GIBaseInfo) iface = NULL;

  if (g_type_info_get_tag (type_info) != GI_TYPE_TAG_INTERFACE)
    return FALSE;

  iface = g_type_info_get_interface (type_info);
  return g_base_info_get_type (iface) == GI_INFO_TYPE_CALLBACK &&
         g_strcmp0 (g_base_info_get_namespace (iface), "Gio") == 0 &&
         g_strcmp0 (g_base_info_get_name (iface), "AsyncReadyCallback") == 0;
}

static gboolean
fail_arg (GError         **error,
          GICallableInfo  *info,
          const char      *arg_name,
          const GError    *cause,
          const char      *reason)
{
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
               "%s(): argument “%s”: %s", g_function_info_get_symbol (info), arg_name,
               cause != NULL ? cause->message : reason);
  return FALSE;
}

/* Reads the arguments of @info into @args. */
static gboolean
read_gi_args (McpMethod       *method,
              GIFunctionInfo  *info,
              GPtrArray       *args,
              gboolean         is_finish,
              GError         **error)
{
  int n_args = g_callable_info_get_n_args (info);
  g_autofree int *closure_of = g_new (int, MAX (n_args, 1));

  for (int i = 0; i < n_args; i++)
    closure_of[i] = -1;

  /* The user data of a callback is known from the callback. */
  for (int i = 0; i < n_args; i++)
    {
      g_autoptr(GIArgInfo) arg_info = g_callable_info_get_arg (info, i);
      int closure = g_arg_info_get_closure (arg_info);

      if (closure >= 0 && closure < n_args && closure != i)
        closure_of[closure] = i;
    }

  for (int i = 0; i < n_args; i++)
    {
      g_autoptr(GIArgInfo) arg_info = g_callable_info_get_arg (info, i);
      g_autoptr(GITypeInfo) type_info = g_arg_info_get_type (arg_info);
      g_autoptr(GError) local_error = NULL;
      const char *name = g_base_info_get_name (arg_info);
      GIDirection direction = g_arg_info_get_direction (arg_info);
      McpValueType *type;
      McpMethodArg *arg;

      if (direction == GI_DIRECTION_INOUT)
        return fail_arg (error, info, name, NULL, "in-out arguments are not supported");

      if (direction == GI_DIRECTION_IN && is_async_ready_callback (type_info))
        {
          if (!method->is_async || is_finish)
            return fail_arg (error, info, name, NULL, "callbacks are not supported");
          g_ptr_array_add (args, mcp_method_arg_new (name, mcp_value_type_new (MCP_VALUE_VOID),
                                                     MCP_ARG_CALLBACK));
          continue;
        }

      if (direction == GI_DIRECTION_IN && closure_of[i] >= 0 &&
          g_type_info_get_tag (type_info) == GI_TYPE_TAG_VOID)
        {
          g_ptr_array_add (args, mcp_method_arg_new (name, mcp_value_type_new (MCP_VALUE_VOID),
                                                     MCP_ARG_USER_DATA));
          continue;
        }

      if (!(type = mcp_value_type_new_for_type_info (type_info, &local_error)))
        return fail_arg (error, info, name, local_error, NULL);

      arg = mcp_method_arg_new (name, type, MCP_ARG_INPUT);
      g_ptr_array_add (args, arg);
      arg->transfer = g_arg_info_get_ownership_transfer (arg_info);
      arg->nullable = g_arg_info_may_be_null (arg_info);

      if (direction == GI_DIRECTION_OUT)
        {
          if (g_arg_info_is_caller_allocates (arg_info))
            return fail_arg (error, info, name, NULL,
                             "caller-allocated out arguments are not supported");
          if (!is_output_kind (type->kind) || type->kind == MCP_VALUE_VOID ||
              type->kind == MCP_VALUE_TOOL_RESULT)
            return fail_arg (error, info, name, NULL, "this type cannot be a result");
          arg->role = MCP_ARG_OUTPUT;
          continue;
        }

      switch (type->kind)
        {
        case MCP_VALUE_CONTEXT:
          arg->role = MCP_ARG_CONTEXT;
          break;

        case MCP_VALUE_CANCELLABLE:
          arg->role = MCP_ARG_CANCELLABLE;
          break;

        case MCP_VALUE_ASYNC_RESULT:
          if (!is_finish)
            return fail_arg (error, info, name, NULL, "a GAsyncResult outside a _finish function");
          arg->role = MCP_ARG_ASYNC_RESULT;
          break;

        case MCP_VALUE_VOID:
        case MCP_VALUE_OBJECT:
        case MCP_VALUE_TOOL_RESULT:
          return fail_arg (error, info, name, NULL, "this type cannot be an argument");

        case MCP_VALUE_LIST:
          if (arg->transfer != GI_TRANSFER_NOTHING)
            return fail_arg (error, info, name, NULL, "the method would take ownership of a list");
          G_GNUC_FALLTHROUGH;

        default:
          {
            const char *default_attribute = g_base_info_get_attribute (arg_info, "mcp.default");
            g_autofree char *default_text = NULL;

            /* Percent-decoded, as attribute values cannot hold spaces */
            if (default_attribute != NULL &&
                !(default_text = g_uri_unescape_string (default_attribute, NULL)))
              default_text = g_strdup (default_attribute);

            if (is_finish)
              return fail_arg (error, info, name, NULL, "a _finish function takes no input");

            if (default_text != NULL)
              {
                g_autoptr(GError) parse_error = NULL;

                arg->default_value = json_from_string (default_text, &parse_error);
                if (arg->default_value == NULL)
                  {
                    /* A bare word is a string: (attributes mcp.default=red) */
                    arg->default_value = json_node_init_string (json_node_alloc (), default_text);
                  }
              }
            arg->optional = arg->nullable || arg->default_value != NULL;
          }
          break;
        }
    }

  /* Length arguments are computed, not given. */
  for (guint i = 0; i < args->len; i++)
    {
      McpMethodArg *arg = g_ptr_array_index (args, i);
      McpMethodArg *length;
      gboolean length_is_out;

      if (arg->type->kind != MCP_VALUE_LIST || arg->type->length_arg < 0)
        continue;

      if ((guint)arg->type->length_arg >= args->len)
        return fail_arg (error, info, arg->name, NULL, "its length argument is missing");

      length = g_ptr_array_index (args, arg->type->length_arg);
      length_is_out = length->role == MCP_ARG_OUTPUT || length->role == MCP_ARG_LENGTH;
      if (!is_integer_kind (length->type->kind) || (arg->role == MCP_ARG_OUTPUT) != length_is_out)
        return fail_arg (error, info, arg->name, NULL, "its length argument is unusable");

      length->role = MCP_ARG_LENGTH;
      length->length_of = i;
    }

  return TRUE;
}

static gboolean
read_gi_return (McpMethod       *method,
                GIFunctionInfo  *info,
                GPtrArray       *args,
                GError         **error)
{
  g_autoptr(GITypeInfo) return_info = g_callable_info_get_return_type (info);
  g_autoptr(GError) local_error = NULL;
  McpValueType *type;

  if (g_callable_info_skip_return (info))
    {
      method->return_type = mcp_value_type_new (MCP_VALUE_VOID);
      return TRUE;
    }

  if (!(type = mcp_value_type_new_for_type_info (return_info, &local_error)))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED, "%s(): return value: %s",
                   g_function_info_get_symbol (info), local_error->message);
      return FALSE;
    }
  method->return_type = type;

  if (!is_output_kind (type->kind))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                   "%s(): return value: this type cannot be a result",
                   g_function_info_get_symbol (info));
      return FALSE;
    }

  method->return_transfer = g_callable_info_get_caller_owns (info);
  method->return_nullable = g_callable_info_may_return_null (info);

  if (type->kind == MCP_VALUE_LIST && type->length_arg >= 0)
    {
      McpMethodArg *length;

      if ((guint)type->length_arg >= args->len)
        return fail_arg (error, info, "return", NULL, "its length argument is missing");
      length = g_ptr_array_index (args, type->length_arg);
      if (!is_integer_kind (length->type->kind) ||
          (length->role != MCP_ARG_OUTPUT && length->role != MCP_ARG_LENGTH))
        return fail_arg (error, info, "return", NULL, "its length argument is unusable");
      length->role = MCP_ARG_LENGTH;
      length->length_of = -2;   /* the return value */
    }

  return TRUE;
}

static gboolean
has_role (GPtrArray  *args,
          McpArgRole  role)
{
  for (guint i = 0; i < args->len; i++)
    if (((McpMethodArg *)g_ptr_array_index (args, i))->role == role)
      return TRUE;
  return FALSE;
}

static void collect_outputs (McpMethod *method);

McpMethod *
mcp_method_new_for_function_info (GIFunctionInfo  *info,
                                  GIFunctionInfo  *finish_info,
                                  GError         **error)
{
  g_autoptr(McpMethod) method = mcp_method_new ();
  GIFunctionInfoFlags flags = g_function_info_get_flags (info);
  const char *name = g_base_info_get_name (info);

  method->info = g_base_info_ref (info);
  method->c_name = g_strdup (g_function_info_get_symbol (info));
  method->is_static = !(flags & GI_FUNCTION_IS_METHOD);
  method->is_async = finish_info != NULL;

  if (method->is_async)
    {
      method->finish_info = g_base_info_ref (finish_info);
      method->name = g_strndup (name, strlen (name) - strlen ("_async"));
    }
  else
    method->name = g_strdup (name);

  if (!read_gi_args (method, info, method->args, FALSE, error))
    return NULL;

  if (method->is_async)
    {
      if (!has_role (method->args, MCP_ARG_CALLBACK) || !has_role (method->args, MCP_ARG_USER_DATA))
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                       "%s() does not take a GAsyncReadyCallback and its data",
                       method->c_name);
          return NULL;
        }
      if (has_role (method->args, MCP_ARG_OUTPUT))
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                       "%s() has out arguments; results come from the _finish function",
                       method->c_name);
          return NULL;
        }
      if (!read_gi_args (method, finish_info, method->finish_args, TRUE, error) ||
          !has_role (method->finish_args, MCP_ARG_ASYNC_RESULT) ||
          !read_gi_return (method, finish_info, method->finish_args, error))
        {
          if (error != NULL && *error == NULL)
            g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                         "%s() takes no GAsyncResult",
                         g_function_info_get_symbol (finish_info));
          return NULL;
        }
    }
  else if (!read_gi_return (method, info, method->args, error))
    return NULL;

  collect_outputs (method);
  return g_steal_pointer (&method);
}

/* Building from GParamSpecs */

static ffi_type *
ffi_type_for (McpValueType *type)
{
  gboolean is_pointer;
  GITypeTag tag = mcp_value_type_get_storage (type, &is_pointer);

  return gi_type_tag_get_ffi_type (tag, is_pointer);
}

static gboolean
prepare_cif (ffi_cif    *cif,
             ffi_type ***atypes_out,
             GPtrArray  *args,
             gboolean    throws,
             ffi_type   *rtype,
             GError    **error)
{
  guint n = 1 + args->len + (throws ? 1 : 0);
  ffi_type **atypes = g_new0 (ffi_type *, n);
  guint pos = 0;

  atypes[pos++] = &ffi_type_pointer;                 /* the instance */
  for (guint i = 0; i < args->len; i++)
    {
      McpMethodArg *arg = g_ptr_array_index (args, i);

      if (arg->role == MCP_ARG_INPUT)
        atypes[pos++] = ffi_type_for (arg->type);
      else
        atypes[pos++] = &ffi_type_pointer;
    }
  if (throws)
    atypes[pos++] = &ffi_type_pointer;               /* GError ** */

  *atypes_out = atypes;

  if (ffi_prep_cif (cif, FFI_DEFAULT_ABI, n, rtype, atypes) != FFI_OK)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                           "Cannot prepare the call of the method");
      return FALSE;
    }

  return TRUE;
}

McpMethod *
mcp_method_new_for_pspecs (const char   *name,
                           const char   *description,
                           GCallback     func,
                           GCallback     finish_func,
                           GType         return_type,
                           guint         n_params,
                           GParamSpec  **pspecs,
                           GError      **error)
{
  g_autoptr(McpMethod) method = mcp_method_new ();
  g_autoptr(GError) local_error = NULL;

  method->name = g_strdup (name);
  method->c_name = g_strdup (name);
  method->description = g_strdup (description);
  method->func = func;
  method->finish_func = finish_func;
  method->is_async = finish_func != NULL;

  for (guint i = 0; i < n_params; i++)
    {
      GParamSpec *pspec = pspecs[i];
      g_autofree char *arg_name = g_strdelimit (g_strdup (pspec->name), "-", '_');
      McpValueType *type;
      McpMethodArg *arg;

      if (!(type = mcp_value_type_new_for_pspec (pspec, &local_error)))
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED, "%s: argument “%s”: %s",
                       name, arg_name, local_error->message);
          return NULL;
        }

      arg = mcp_method_arg_new (arg_name, type, MCP_ARG_INPUT);
      g_ptr_array_add (method->args, arg);
      arg->description = g_strdup (g_param_spec_get_blurb (pspec));

      switch (type->kind)
        {
        case MCP_VALUE_CONTEXT:
          arg->role = MCP_ARG_CONTEXT;
          continue;

        case MCP_VALUE_CANCELLABLE:
          arg->role = MCP_ARG_CANCELLABLE;
          continue;

        case MCP_VALUE_VOID:
        case MCP_VALUE_OBJECT:
        case MCP_VALUE_TOOL_RESULT:
        case MCP_VALUE_ASYNC_RESULT:
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                       "%s: argument “%s”: this type cannot be an argument", name, arg_name);
          return NULL;

        default:
          break;
        }

      arg->nullable = (pspec->flags & MCP_PARAM_NULLABLE) != 0 &&
                      type->kind >= MCP_VALUE_STRING && type->kind != MCP_VALUE_ENUM &&
                      type->kind != MCP_VALUE_FLAGS;
      if (pspec->flags & MCP_PARAM_OPTIONAL)
        {
          const GValue *default_value = g_param_spec_get_default_value (pspec);
          GIArgument default_arg;

          arg->optional = TRUE;
          if (mcp_value_from_gvalue (type, default_value, &default_arg) &&
              (type->kind < MCP_VALUE_STRING || type->kind == MCP_VALUE_ENUM ||
               type->kind == MCP_VALUE_FLAGS || default_arg.v_pointer != NULL))
            arg->default_value = mcp_value_to_json (type, &default_arg, -1, NULL);
        }
    }

  if (method->is_async)
    {
      g_ptr_array_add (method->args, mcp_method_arg_new ("cancellable",
                                                         mcp_value_type_new (MCP_VALUE_CANCELLABLE),
                                                         MCP_ARG_CANCELLABLE));
      g_ptr_array_add (method->args, mcp_method_arg_new ("callback",
                                                         mcp_value_type_new (MCP_VALUE_VOID),
                                                         MCP_ARG_CALLBACK));
      g_ptr_array_add (method->args, mcp_method_arg_new ("user_data",
                                                         mcp_value_type_new (MCP_VALUE_VOID),
                                                         MCP_ARG_USER_DATA));
      g_ptr_array_add (method->finish_args,
                       mcp_method_arg_new ("result", mcp_value_type_new (MCP_VALUE_ASYNC_RESULT),
                                           MCP_ARG_ASYNC_RESULT));
    }

  if (!(method->return_type = mcp_value_type_new_for_gtype (return_type, &local_error)))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED, "%s: return value: %s",
                   name, local_error->message);
      return NULL;
    }
  if (!is_output_kind (method->return_type->kind))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                   "%s: return value: this type cannot be a result", name);
      return NULL;
    }
  /* What a declared method returns is the caller's. It may be NULL, except
   * an object sent as structured content itself. */
  method->return_transfer = GI_TRANSFER_EVERYTHING;
  method->return_nullable = method->return_type->kind != MCP_VALUE_JSON_OBJECT &&
                            method->return_type->kind != MCP_VALUE_OBJECT;

  if (method->is_async)
    {
      if (!prepare_cif (&method->cif, &method->atypes, method->args, FALSE, &ffi_type_void,
                        error) ||
          !prepare_cif (&method->finish_cif, &method->finish_atypes, method->finish_args, TRUE,
                        ffi_type_for (method->return_type), error))
        return NULL;
    }
  else if (!prepare_cif (&method->cif, &method->atypes, method->args, TRUE,
                         ffi_type_for (method->return_type), error))
    return NULL;

  collect_outputs (method);
  return g_steal_pointer (&method);
}

/* Results and schemas */

static void
collect_outputs (McpMethod *method)
{
  GPtrArray *result_args = method->is_async ? method->finish_args : method->args;
  guint n_structured = 0;

  g_array_set_size (method->outputs, 0);

  if (method->return_type->kind == MCP_VALUE_TOOL_RESULT)
    {
      method->shape = SHAPE_TOOL_RESULT;
      return;
    }

  if (method->return_type->kind != MCP_VALUE_VOID)
    {
      Output output = { "result", method->return_type, method->return_nullable, NULL, -1 };

      g_array_append_val (method->outputs, output);
    }

  for (guint i = 0; i < result_args->len; i++)
    {
      McpMethodArg *arg = g_ptr_array_index (result_args, i);

      if (arg->role == MCP_ARG_OUTPUT)
        {
          Output output = { arg->name, arg->type, arg->nullable, arg, (int)i };

          g_array_append_val (method->outputs, output);
        }
    }

  for (guint i = 0; i < method->outputs->len; i++)
    if (mcp_value_type_is_structured (g_array_index (method->outputs, Output, i).type))
      n_structured++;

  if (method->outputs->len == 0)
    method->shape = SHAPE_EMPTY;
  else if (method->outputs->len == 1 && n_structured == 0)
    method->shape = SHAPE_TEXT;
  else if (method->outputs->len == 1 && !method->return_nullable &&
           (method->return_type->kind == MCP_VALUE_JSON_OBJECT ||
            method->return_type->kind == MCP_VALUE_OBJECT))
    method->shape = SHAPE_DIRECT;
  else
    method->shape = SHAPE_WRAPPED;
}

JsonObject *
mcp_method_get_input_schema (McpMethod *method)
{
  JsonObject *properties;
  JsonArray *required;

  if (method->input_schema != NULL)
    return method->input_schema;

  method->input_schema = json_object_new ();
  properties = json_object_new ();
  required = json_array_new ();

  for (guint i = 0; i < method->args->len; i++)
    {
      McpMethodArg *arg = g_ptr_array_index (method->args, i);
      JsonObject *schema;

      if (arg->role != MCP_ARG_INPUT)
        continue;

      schema = mcp_value_type_to_schema (arg->type, arg->nullable);
      if (arg->description != NULL && arg->description[0] != '\0')
        json_object_set_string_member (schema, "description", arg->description);
      if (arg->default_value != NULL)
        json_object_set_member (schema, "default", json_node_copy (arg->default_value));
      json_object_set_object_member (properties, arg->name, schema);

      if (!arg->optional)
        json_array_add_string_element (required, arg->name);
    }

  json_object_set_string_member (method->input_schema, "type", "object");
  json_object_set_object_member (method->input_schema, "properties", properties);
  if (json_array_get_length (required) > 0)
    json_object_set_array_member (method->input_schema, "required", required);
  else
    json_array_unref (required);
  json_object_set_boolean_member (method->input_schema, "additionalProperties", FALSE);

  return method->input_schema;
}

static const char *
output_description (McpMethod *method,
                    Output    *output)
{
  return output->arg != NULL ? output->arg->description : method->return_description;
}

JsonObject *
mcp_method_get_output_schema (McpMethod *method)
{
  if (method->output_schema != NULL)
    return method->output_schema;

  if (method->shape == SHAPE_DIRECT)
    {
      Output *output = &g_array_index (method->outputs, Output, 0);
      const char *description = output_description (method, output);

      method->output_schema = mcp_value_type_to_schema (output->type, FALSE);
      if (description != NULL && description[0] != '\0')
        json_object_set_string_member (method->output_schema, "description", description);
    }
  else if (method->shape == SHAPE_WRAPPED)
    {
      JsonObject *properties = json_object_new ();
      JsonArray *required = json_array_new ();

      for (guint i = 0; i < method->outputs->len; i++)
        {
          Output *output = &g_array_index (method->outputs, Output, i);
          JsonObject *schema = mcp_value_type_to_schema (output->type, output->nullable);
          const char *description = output_description (method, output);

          if (description != NULL && description[0] != '\0')
            json_object_set_string_member (schema, "description", description);
          json_object_set_object_member (properties, output->name, schema);
          json_array_add_string_element (required, output->name);
        }

      method->output_schema = json_object_new ();
      json_object_set_string_member (method->output_schema, "type", "object");
      json_object_set_object_member (method->output_schema, "properties", properties);
      json_object_set_array_member (method->output_schema, "required", required);
      json_object_set_boolean_member (method->output_schema, "additionalProperties", FALSE);
    }

  return method->output_schema;
}

/* Invocation */

typedef struct
{
  McpMethod         *method;
  GObject           *instance;
  McpRequestContext *context;
  JsonObject        *arguments;
  GCancellable      *cancellable;
  McpCleanup        *cleanup;
  GIArgument        *values;        /* per argument of the (async) call */
  GIArgument        *outs;          /* out slots, per argument */
  GIArgument        *finish_values;
  GIArgument        *finish_outs;
  GIArgument         return_value;
  gboolean           returned;
} Invocation;

static void
invocation_free (Invocation *invocation)
{
  g_clear_object (&invocation->instance);
  g_clear_object (&invocation->context);
  g_clear_pointer (&invocation->arguments, json_object_unref);
  g_clear_object (&invocation->cancellable);
  g_clear_pointer (&invocation->cleanup, mcp_cleanup_free);
  g_free (invocation->values);
  g_free (invocation->outs);
  g_free (invocation->finish_values);
  g_free (invocation->finish_outs);
  g_clear_pointer (&invocation->method, mcp_method_unref);
  g_free (invocation);
}

static void
set_integer (McpValueType *type,
             GIArgument   *arg,
             guint64       value)
{
  switch (type->kind)
    {
    case MCP_VALUE_INT8:
      arg->v_int8 = (gint8)value;
      break;
    case MCP_VALUE_UINT8:
      arg->v_uint8 = (guint8)value;
      break;
    case MCP_VALUE_INT16:
      arg->v_int16 = (gint16)value;
      break;
    case MCP_VALUE_UINT16:
      arg->v_uint16 = (guint16)value;
      break;
    case MCP_VALUE_INT32:
      arg->v_int32 = (gint32)value;
      break;
    case MCP_VALUE_UINT32:
      arg->v_uint32 = (guint32)value;
      break;
    case MCP_VALUE_INT64:
      arg->v_int64 = (gint64)value;
      break;
    default:
      arg->v_uint64 = value;
      break;
    }
}

static gssize
get_integer (McpValueType *type,
             GIArgument   *arg)
{
  switch (type->kind)
    {
    case MCP_VALUE_INT8:
      return arg->v_int8;
    case MCP_VALUE_UINT8:
      return arg->v_uint8;
    case MCP_VALUE_INT16:
      return arg->v_int16;
    case MCP_VALUE_UINT16:
      return arg->v_uint16;
    case MCP_VALUE_INT32:
      return arg->v_int32;
    case MCP_VALUE_UINT32:
      return (gssize)arg->v_uint32;
    case MCP_VALUE_INT64:
      return (gssize)arg->v_int64;
    default:
      return (gssize)arg->v_uint64;
    }
}

/* Gives the method its own copy of an argument it takes ownership of. */
static void
transfer_to_callee (McpValueType *type,
                    GIArgument   *arg)
{
  if (arg->v_pointer == NULL)
    return;

  switch (type->kind)
    {
    case MCP_VALUE_STRING:
    case MCP_VALUE_FILENAME:
      arg->v_string = g_strdup (arg->v_string);
      break;
    case MCP_VALUE_JSON_NODE:
      arg->v_pointer = json_node_copy (arg->v_pointer);
      break;
    case MCP_VALUE_JSON_OBJECT:
      json_object_ref (arg->v_pointer);
      break;
    case MCP_VALUE_JSON_ARRAY:
      json_array_ref (arg->v_pointer);
      break;
    case MCP_VALUE_VARIANT:
      g_variant_ref (arg->v_pointer);
      break;
    case MCP_VALUE_BYTES:
      g_bytes_ref (arg->v_pointer);
      break;
    default:
      break;
    }
}

static void invocation_ready_cb (GObject      *source_object,
                                 GAsyncResult *result,
                                 gpointer      user_data);

static gboolean
prepare_values (Invocation  *invocation,
                GTask       *task,
                GError     **error)
{
  McpMethod *method = invocation->method;
  GPtrArray *args = method->args;
  g_autofree gsize *lengths = g_new0 (gsize, MAX (args->len, 1));

  invocation->values = g_new0 (GIArgument, MAX (args->len, 1));
  invocation->outs = g_new0 (GIArgument, MAX (args->len, 1));

  for (guint i = 0; i < args->len; i++)
    {
      McpMethodArg *arg = g_ptr_array_index (args, i);
      GIArgument *value = &invocation->values[i];
      JsonNode *node;

      switch (arg->role)
        {
        case MCP_ARG_INPUT:
          node = mcp_json_get_member (invocation->arguments, arg->name);
          if (node == NULL)
            node = arg->default_value;
          /* null is a value of its own for a JsonNode or a maybe GVariant */
          if (node == NULL ||
              (JSON_NODE_HOLDS_NULL (node) && arg->type->kind != MCP_VALUE_JSON_NODE &&
               arg->type->kind != MCP_VALUE_VARIANT))
            {
              if (node == NULL && !arg->optional)
                {
                  g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                               "Missing required argument “%s”", arg->name);
                  return FALSE;
                }
              if (node != NULL && !arg->nullable)
                {
                  g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                               "Invalid argument “%s”: it may not be null", arg->name);
                  return FALSE;
                }
              memset (value, 0, sizeof *value);
              break;
            }
          if (!mcp_value_from_json (arg->type, node, arg->name, invocation->cleanup, value,
                                    &lengths[i], error))
            return FALSE;
          if (arg->transfer != GI_TRANSFER_NOTHING)
            transfer_to_callee (arg->type, value);
          break;

        case MCP_ARG_OUTPUT:
          value->v_pointer = &invocation->outs[i];
          break;

        case MCP_ARG_LENGTH:
          {
            McpMethodArg *array = arg->length_of >= 0 ? g_ptr_array_index (args, arg->length_of)
                                                      : NULL;

            if (array == NULL || array->role == MCP_ARG_OUTPUT)
              value->v_pointer = &invocation->outs[i];
          }
          break;

        case MCP_ARG_CONTEXT:
          value->v_pointer = invocation->context;
          break;

        case MCP_ARG_CANCELLABLE:
          value->v_pointer = invocation->cancellable;
          break;

        case MCP_ARG_CALLBACK:
          value->v_pointer = (gpointer)invocation_ready_cb;
          break;

        case MCP_ARG_USER_DATA:
          value->v_pointer = task;
          break;

        case MCP_ARG_ASYNC_RESULT:
        default:
          g_assert_not_reached ();
        }
    }

  /* The length of an input array, now that it is known */
  for (guint i = 0; i < args->len; i++)
    {
      McpMethodArg *arg = g_ptr_array_index (args, i);

      if (arg->role == MCP_ARG_LENGTH && arg->length_of >= 0 &&
          ((McpMethodArg *)g_ptr_array_index (args, arg->length_of))->role == MCP_ARG_INPUT)
        set_integer (arg->type, &invocation->values[i], lengths[arg->length_of]);
    }

  return TRUE;
}

static gboolean
arg_is_out (GPtrArray    *args,
            McpMethodArg *arg)
{
  if (arg->role == MCP_ARG_OUTPUT)
    return TRUE;

  if (arg->role == MCP_ARG_LENGTH)
    return arg->length_of < 0 ||
           ((McpMethodArg *)g_ptr_array_index (args, arg->length_of))->role == MCP_ARG_OUTPUT;

  return FALSE;
}

/* Calls @info or @func with @values, filling the out slots and @ret. */
static gboolean
call (McpMethod      *method,
      GIFunctionInfo *info,
      GCallback       func,
      ffi_cif        *cif,
      GPtrArray      *args,
      gboolean        throws,
      McpValueType   *return_type,
      GObject        *instance,
      GIArgument     *values,
      GIArgument     *outs,
      GIArgument     *ret,
      GError        **error)
{
  memset (ret, 0, sizeof *ret);

  if (info != NULL)
    {
      g_autofree GIArgument *in_args = g_new0 (GIArgument, args->len + 1);
      g_autofree GIArgument *out_args = g_new0 (GIArgument, args->len + 1);
      guint n_in = 0;
      guint n_out = 0;

      if (!method->is_static)
        in_args[n_in++].v_pointer = instance;

      for (guint i = 0; i < args->len; i++)
        {
          McpMethodArg *arg = g_ptr_array_index (args, i);

          /* An out argument's value points to its slot in @outs, where
           * the method writes. */
          if (arg_is_out (args, arg))
            out_args[n_out++] = values[i];
          else
            in_args[n_in++] = values[i];
        }

      return g_function_info_invoke (info, in_args, n_in, out_args, n_out, ret, error);
    }
  else
    {
      g_autofree gpointer *avalues = g_new0 (gpointer, args->len + 2);
      gpointer instance_pointer = instance;
      GError *local_error = NULL;
      GError **error_pointer = &local_error;
      GIFFIReturnValue ffi_ret;
      gboolean is_pointer;
      GITypeTag tag;
      guint pos = 0;

      memset (&ffi_ret, 0, sizeof ffi_ret);
      avalues[pos++] = &instance_pointer;
      for (guint i = 0; i < args->len; i++)
        avalues[pos++] = &values[i];
      if (throws)
        avalues[pos++] = &error_pointer;

      ffi_call (cif, FFI_FN (func), &ffi_ret, avalues);

      if (return_type != NULL)
        {
          tag = mcp_value_type_get_storage (return_type, &is_pointer);
          if (is_pointer)
            ret->v_pointer = ffi_ret.v_pointer;
          else
            gi_type_tag_extract_ffi_return_value (tag, GI_INFO_TYPE_INVALID, &ffi_ret, ret);
        }

      if (local_error != NULL)
        {
          g_propagate_error (error, local_error);
          return FALSE;
        }

      return TRUE;
    }
}

static gssize
output_length (Invocation *invocation,
               Output     *output,
               GPtrArray  *args,
               GIArgument *outs)
{
  int length_arg = output->type->length_arg;
  McpMethodArg *length;

  if (output->type->kind != MCP_VALUE_LIST || length_arg < 0 || (guint)length_arg >= args->len)
    return -1;

  length = g_ptr_array_index (args, length_arg);
  return get_integer (length->type, &outs[length_arg]);
}

static GIArgument *
output_value (Output     *output,
              GIArgument *outs,
              GIArgument *ret)
{
  return output->arg_index < 0 ? ret : &outs[output->arg_index];
}

static McpToolResult *
build_result (Invocation  *invocation,
              GPtrArray   *args,
              GIArgument  *outs,
              GIArgument  *ret,
              GError     **error)
{
  McpMethod *method = invocation->method;
  g_autoptr(JsonObject) wrapped = NULL;
  McpToolResult *result = NULL;

  switch (method->shape)
    {
    case SHAPE_TOOL_RESULT:
      if (ret->v_pointer == NULL)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                       "The method %s() returned no result", method->c_name);
          return NULL;
        }
      return g_object_ref (ret->v_pointer);

    case SHAPE_EMPTY:
      return mcp_tool_result_new ();

    case SHAPE_TEXT:
      {
        Output *output = &g_array_index (method->outputs, Output, 0);
        g_autofree char *text = mcp_value_to_text (output->type, output_value (output, outs, ret));

        result = mcp_tool_result_new ();
        if (text != NULL)
          mcp_tool_result_add_text (result, text);
        return result;
      }

    case SHAPE_DIRECT:
      {
        Output *output = &g_array_index (method->outputs, Output, 0);
        g_autoptr(JsonNode) node = NULL;

        if (ret->v_pointer == NULL)
          {
            g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                         "The method %s() returned no object", method->c_name);
            return NULL;
          }
        if (!(node = mcp_value_to_json (output->type, ret, -1, error)))
          return NULL;
        return mcp_tool_result_new_structured (node);
      }

    case SHAPE_WRAPPED:
    default:
      wrapped = json_object_new ();
      for (guint i = 0; i < method->outputs->len; i++)
        {
          Output *output = &g_array_index (method->outputs, Output, i);
          JsonNode *node = mcp_value_to_json (output->type, output_value (output, outs, ret),
                                              output_length (invocation, output, args, outs),
                                              error);

          if (node == NULL)
            return NULL;
          json_object_set_member (wrapped, output->name, node);
        }
      {
        g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), wrapped);

        return mcp_tool_result_new_structured (node);
      }
    }
}

static void
release_outputs (Invocation *invocation,
                 GPtrArray  *args,
                 GIArgument *outs,
                 GIArgument *ret)
{
  McpMethod *method = invocation->method;

  if (method->return_type->kind != MCP_VALUE_VOID)
    {
      gssize length = -1;

      if (method->return_type->kind == MCP_VALUE_LIST && method->return_type->length_arg >= 0)
        {
          McpMethodArg *arg = g_ptr_array_index (args, method->return_type->length_arg);
          length = get_integer (arg->type, &outs[method->return_type->length_arg]);
        }
      mcp_value_release (method->return_type, ret, method->return_transfer, length);
    }

  for (guint i = 0; i < args->len; i++)
    {
      McpMethodArg *arg = g_ptr_array_index (args, i);
      gssize length = -1;

      if (arg->role != MCP_ARG_OUTPUT)
        continue;
      if (arg->type->kind == MCP_VALUE_LIST && arg->type->length_arg >= 0)
        {
          McpMethodArg *length_arg = g_ptr_array_index (args, arg->type->length_arg);
          length = get_integer (length_arg->type, &outs[arg->type->length_arg]);
        }
      mcp_value_release (arg->type, &outs[i], arg->transfer, length);
    }
}

static void
complete (GTask      *task,
          GPtrArray  *args,
          GIArgument *outs,
          GIArgument *ret)
{
  Invocation *invocation = g_task_get_task_data (task);
  GError *error = NULL;
  McpToolResult *result;

  result = build_result (invocation, args, outs, ret, &error);
  release_outputs (invocation, args, outs, ret);

  if (result != NULL)
    g_task_return_pointer (task, result, g_object_unref);
  else
    g_task_return_error (task, error);
}

static void
invocation_ready_cb (GObject      *source_object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Invocation *invocation = g_task_get_task_data (task);
  McpMethod *method = invocation->method;
  GPtrArray *args = method->finish_args;
  GError *error = NULL;

  invocation->finish_values = g_new0 (GIArgument, MAX (args->len, 1));
  invocation->finish_outs = g_new0 (GIArgument, MAX (args->len, 1));

  for (guint i = 0; i < args->len; i++)
    {
      McpMethodArg *arg = g_ptr_array_index (args, i);

      if (arg->role == MCP_ARG_ASYNC_RESULT)
        invocation->finish_values[i].v_pointer = result;
      else if (arg_is_out (args, arg))
        invocation->finish_values[i].v_pointer = &invocation->finish_outs[i];
    }

  if (!call (method, method->finish_info, method->finish_func, &method->finish_cif, args, TRUE,
             method->return_type, invocation->instance, invocation->finish_values,
             invocation->finish_outs,
             &invocation->return_value, &error))
    {
      g_task_return_error (task, error);
      return;
    }

  complete (task, args, invocation->finish_outs, &invocation->return_value);
}

void
mcp_method_invoke_async (McpMethod           *method,
                         GObject             *instance,
                         McpRequestContext   *context,
                         JsonObject          *arguments,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  Invocation *invocation;
  GError *error = NULL;
  GIArgument ret;

  task = g_task_new (instance, cancellable, callback, user_data);
  g_task_set_source_tag (task, mcp_method_invoke_async);
  g_task_set_name (task, method->name);

  invocation = g_new0 (Invocation, 1);
  invocation->method = mcp_method_ref (method);
  invocation->instance = g_object_ref (instance);
  invocation->context = context != NULL ? g_object_ref (context) : NULL;
  invocation->arguments = arguments != NULL ? json_object_ref (arguments) : json_object_new ();
  invocation->cancellable = cancellable != NULL ? g_object_ref (cancellable) : g_cancellable_new ();
  invocation->cleanup = mcp_cleanup_new ();
  g_task_set_task_data (task, invocation, (GDestroyNotify)invocation_free);

  if (!prepare_values (invocation, task, &error))
    {
      g_task_return_error (task, error);
      return;
    }

  if (method->is_async)
    {
      /* The method completes through invocation_ready_cb(), which owns the
       * reference handed over here. */
      g_object_ref (task);
      if (!call (method, method->info, method->func, &method->cif, method->args, FALSE,
                 NULL, instance, invocation->values, invocation->outs, &ret, &error))
        {
          g_object_unref (task);
          g_task_return_error (task, error);
        }
      return;
    }

  if (!call (method, method->info, method->func, &method->cif, method->args, TRUE,
             method->return_type, instance, invocation->values, invocation->outs,
             &invocation->return_value, &error))
    {
      g_task_return_error (task, error);
      return;
    }

  complete (task, method->args, invocation->outs, &invocation->return_value);
}

McpToolResult *
mcp_method_invoke_finish (McpMethod     *method,
                          GAsyncResult  *result,
                          GError       **error)
{
  g_return_val_if_fail (G_IS_TASK (result), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

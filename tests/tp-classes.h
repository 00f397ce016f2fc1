/* tp-classes.h — tool provider classes of the test suite, described by the
 * typelib g-ir-scanner builds from the test program itself (namespace Tp)
 *
 * Copyright 2026 The makemcp-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include <makemcp-glib/makemcp-glib.h>

G_BEGIN_DECLS

/**
 * TpColor:
 * @TP_COLOR_RED: red
 * @TP_COLOR_DARK_GREEN: dark green
 * @TP_COLOR_BLUE: blue
 *
 * A color.
 */
typedef enum
{
  TP_COLOR_RED,
  TP_COLOR_DARK_GREEN,
  TP_COLOR_BLUE,
} TpColor;

#define TP_TYPE_COLOR (tp_color_get_type ())
GType tp_color_get_type (void);

/**
 * TpPerms:
 * @TP_PERMS_NONE: nothing
 * @TP_PERMS_READ: may read
 * @TP_PERMS_WRITE: may write
 * @TP_PERMS_EXECUTE: may run
 *
 * Permissions.
 */
typedef enum
{
  TP_PERMS_NONE    = 0,
  TP_PERMS_READ    = 1 << 0,
  TP_PERMS_WRITE   = 1 << 1,
  TP_PERMS_EXECUTE = 1 << 2,
} TpPerms;

#define TP_TYPE_PERMS (tp_perms_get_type ())
GType tp_perms_get_type (void);

#define TP_TYPE_POINT (tp_point_get_type ())
G_DECLARE_FINAL_TYPE (TpPoint, tp_point, TP, POINT, GObject)

#define TP_TYPE_TYPES (tp_types_get_type ())
G_DECLARE_FINAL_TYPE (TpTypes, tp_types, TP, TYPES, McpToolProvider)

gboolean       tp_types_echo_boolean  (TpTypes             *self,
                                       gboolean             value);
gint8          tp_types_echo_int8     (TpTypes             *self,
                                       gint8                value);
guint8         tp_types_echo_uint8    (TpTypes             *self,
                                       guint8               value);
gint16         tp_types_echo_int16    (TpTypes             *self,
                                       gint16               value);
guint16        tp_types_echo_uint16   (TpTypes             *self,
                                       guint16              value);
gint32         tp_types_echo_int32    (TpTypes             *self,
                                       gint32               value);
guint32        tp_types_echo_uint32   (TpTypes             *self,
                                       guint32              value);
gint64         tp_types_echo_int64    (TpTypes             *self,
                                       gint64               value);
guint64        tp_types_echo_uint64   (TpTypes             *self,
                                       guint64              value);
float          tp_types_echo_float    (TpTypes             *self,
                                       float                value);
double         tp_types_echo_double   (TpTypes             *self,
                                       double               value);
char          *tp_types_echo_string   (TpTypes             *self,
                                       const char          *value);
char          *tp_types_echo_filename (TpTypes             *self,
                                       const char          *path);
char         **tp_types_echo_strv     (TpTypes             *self,
                                       const char * const  *values);
gint64         tp_types_sum           (TpTypes             *self,
                                       const int           *values,
                                       gsize                n_values);
GArray        *tp_types_scale         (TpTypes             *self,
                                       GArray              *values,
                                       double               factor);
char          *tp_types_join          (TpTypes             *self,
                                       GList               *words,
                                       const char          *separator);
GList         *tp_types_words         (TpTypes             *self,
                                       const char          *text);
TpColor        tp_types_echo_color    (TpTypes             *self,
                                       TpColor              color);
TpPerms        tp_types_echo_perms    (TpTypes             *self,
                                       TpPerms              perms);
JsonNode      *tp_types_echo_node     (TpTypes             *self,
                                       JsonNode            *node);
JsonObject    *tp_types_echo_object   (TpTypes             *self,
                                       JsonObject          *object);
JsonArray     *tp_types_echo_array    (TpTypes             *self,
                                       JsonArray           *array);
GVariant      *tp_types_echo_variant  (TpTypes             *self,
                                       GVariant            *variant);
GBytes        *tp_types_echo_bytes    (TpTypes             *self,
                                       GBytes              *bytes);
void           tp_types_split         (TpTypes             *self,
                                       const char          *text,
                                       int                 *n_words,
                                       char              ***words);
gboolean       tp_types_divide        (TpTypes             *self,
                                       int                  dividend,
                                       int                  divisor,
                                       int                 *quotient,
                                       int                 *remainder,
                                       GError             **error);
TpPoint       *tp_types_make_point    (TpTypes             *self,
                                       double               x,
                                       double               y,
                                       const char          *label);
TpPoint       *tp_types_maybe_point   (TpTypes             *self,
                                       gboolean             want);
void           tp_types_fail          (TpTypes             *self,
                                       const char          *message,
                                       GError             **error);
char          *tp_types_greet         (TpTypes             *self,
                                       const char          *name,
                                       const char          *greeting,
                                       int                  times);
McpToolResult *tp_types_picture       (TpTypes             *self);
char          *tp_types_whoami        (TpTypes             *self,
                                       McpRequestContext   *context);
int            tp_types_answer        (void);
void           tp_types_hidden        (TpTypes             *self);
void           tp_types_ping          (TpTypes             *self);

#define TP_TYPE_COUNTER (tp_counter_get_type ())
G_DECLARE_DERIVABLE_TYPE (TpCounter, tp_counter, TP, COUNTER, McpToolProvider)

struct _TpCounterClass
{
  McpToolProviderClass parent_class;
};

int            tp_counter_increment   (TpCounter           *self,
                                       int                  by);
void           tp_counter_sleep_async (TpCounter           *self,
                                       guint                ms,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data);
guint          tp_counter_sleep_finish (TpCounter          *self,
                                        GAsyncResult       *result,
                                        GError            **error);
char          *tp_counter_fetch       (TpCounter           *self,
                                       const char          *key);
void           tp_counter_fetch_async (TpCounter           *self,
                                       const char          *key,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data);
char          *tp_counter_fetch_finish (TpCounter          *self,
                                        GAsyncResult       *result,
                                        GError            **error);
guint          tp_counter_get_cancellations (TpCounter     *self);
guint          tp_counter_get_max_in_flight (TpCounter     *self);

#define TP_TYPE_CHILD (tp_child_get_type ())
G_DECLARE_FINAL_TYPE (TpChild, tp_child, TP, CHILD, TpCounter)

char          *tp_child_hello         (TpChild             *self);

#define TP_TYPE_HEIR (tp_heir_get_type ())
G_DECLARE_FINAL_TYPE (TpHeir, tp_heir, TP, HEIR, TpCounter)

char          *tp_heir_hello          (TpHeir              *self);

#define TP_TYPE_SHOP (tp_shop_get_type ())
G_DECLARE_FINAL_TYPE (TpShop, tp_shop, TP, SHOP, McpToolProvider)

char          *tp_shop_buy            (TpShop              *self,
                                       const char          *item,
                                       guint                quantity);
double         tp_shop_price          (TpShop              *self,
                                       const char          *item);
void           tp_shop_restock        (TpShop              *self);
void           tp_shop_audit          (TpShop              *self);

G_END_DECLS

/* calc-calculator.c — a calculator whose methods are MCP tools
 *
 * Copyright 2026 The makemcp-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Nothing here knows about MCP but the parent class: each public method is
 * documented as any GObject method is, g-ir-scanner reads the comments, and
 * McpToolProvider turns the methods into tools. Synchronous methods run on
 * the main loop; factorial() computes in a worker thread and
 * delayed_square() waits on a timeout, and many calls of both run at once.
 */

#include <math.h>

#include "calc-calculator.h"

G_DEFINE_ENUM_TYPE (CalcAngleUnit, calc_angle_unit,
  G_DEFINE_ENUM_VALUE (CALC_ANGLE_UNIT_RADIANS, "radians"),
  G_DEFINE_ENUM_VALUE (CALC_ANGLE_UNIT_DEGREES, "degrees"))

/**
 * CalcCalculator:
 *
 * A calculator with a memory. The memory, the angle unit and the number of
 * operations are shared by every call of every client.
 */
struct _CalcCalculator
{
  McpToolProvider parent_instance;

  double          memory;
  CalcAngleUnit   angle_unit;
  guint           operations;
};

enum {
  PROP_0,
  PROP_MEMORY,
  PROP_ANGLE_UNIT,
  PROP_OPERATIONS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (CalcCalculator, calc_calculator, MCP_TYPE_TOOL_PROVIDER)

static void
count_operation (CalcCalculator *self)
{
  self->operations++;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_OPERATIONS]);
}

static void
calc_calculator_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  CalcCalculator *self = CALC_CALCULATOR (object);

  switch (prop_id)
    {
    case PROP_MEMORY:
      g_value_set_double (value, self->memory);
      break;

    case PROP_ANGLE_UNIT:
      g_value_set_enum (value, self->angle_unit);
      break;

    case PROP_OPERATIONS:
      g_value_set_uint (value, self->operations);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
calc_calculator_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  CalcCalculator *self = CALC_CALCULATOR (object);

  switch (prop_id)
    {
    case PROP_MEMORY:
      calc_calculator_store (self, g_value_get_double (value));
      break;

    case PROP_ANGLE_UNIT:
      if (self->angle_unit != (CalcAngleUnit)g_value_get_enum (value))
        {
          self->angle_unit = g_value_get_enum (value);
          g_object_notify_by_pspec (object, pspec);
        }
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
calc_calculator_class_init (CalcCalculatorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = calc_calculator_get_property;
  object_class->set_property = calc_calculator_set_property;

  /* g-ir-scanner builds Calc-1.0.typelib from this program; meson puts it
   * next to the program, where the provider looks for it. */
  mcp_tool_provider_class_set_namespace (MCP_TOOL_PROVIDER_CLASS (klass), "Calc", "1.0");

  /**
   * CalcCalculator:memory:
   *
   * The number in the calculator's memory.
   */
  properties[PROP_MEMORY] =
    g_param_spec_double ("memory", NULL, NULL,
                         -G_MAXDOUBLE, G_MAXDOUBLE, 0,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * CalcCalculator:angle-unit:
   *
   * Whether sine() reads its angle in radians or degrees.
   */
  properties[PROP_ANGLE_UNIT] =
    g_param_spec_enum ("angle-unit", NULL, NULL,
                       CALC_TYPE_ANGLE_UNIT, CALC_ANGLE_UNIT_RADIANS,
                       (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * CalcCalculator:operations:
   *
   * How many operations the calculator did since it started.
   */
  properties[PROP_OPERATIONS] =
    g_param_spec_uint ("operations", NULL, NULL,
                       0, G_MAXUINT, 0,
                       (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
calc_calculator_init (CalcCalculator *self)
{
}

/**
 * calc_calculator_add: (attributes mcp.read-only=1)
 * @self: a #CalcCalculator
 * @a: the first number
 * @b: the second number
 *
 * Adds two numbers.
 *
 * Returns: the sum
 */
double
calc_calculator_add (CalcCalculator *self,
                     double          a,
                     double          b)
{
  count_operation (self);
  return a + b;
}

/**
 * calc_calculator_subtract: (attributes mcp.read-only=1)
 * @self: a #CalcCalculator
 * @a: the number to subtract from
 * @b: the number to subtract
 *
 * Subtracts one number from another.
 *
 * Returns: the difference
 */
double
calc_calculator_subtract (CalcCalculator *self,
                          double          a,
                          double          b)
{
  count_operation (self);
  return a - b;
}

/**
 * calc_calculator_multiply: (attributes mcp.read-only=1)
 * @self: a #CalcCalculator
 * @a: the first factor
 * @b: the second factor
 *
 * Multiplies two numbers.
 *
 * Returns: the product
 */
double
calc_calculator_multiply (CalcCalculator *self,
                          double          a,
                          double          b)
{
  count_operation (self);
  return a * b;
}

/**
 * calc_calculator_divide: (attributes mcp.read-only=1)
 * @self: a #CalcCalculator
 * @dividend: the number to divide
 * @divisor: the number to divide by, not zero
 * @error: return location for a #GError
 *
 * Divides one number by another.
 *
 * Returns: the quotient
 */
double
calc_calculator_divide (CalcCalculator  *self,
                        double           dividend,
                        double           divisor,
                        GError         **error)
{
  if (divisor == 0)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                           "Cannot divide by zero");
      return 0;
    }

  count_operation (self);
  return dividend / divisor;
}

/**
 * calc_calculator_sine: (attributes mcp.read-only=1)
 * @self: a #CalcCalculator
 * @angle: an angle, in the unit of #CalcCalculator:angle-unit
 *
 * Computes the sine of an angle.
 *
 * Returns: the sine
 */
double
calc_calculator_sine (CalcCalculator *self,
                      double          angle)
{
  count_operation (self);
  if (self->angle_unit == CALC_ANGLE_UNIT_DEGREES)
    angle *= G_PI / 180;
  return sin (angle);
}

/**
 * calc_calculator_statistics: (attributes mcp.read-only=1)
 * @self: a #CalcCalculator
 * @values: (array length=n_values): the numbers, at least one
 * @n_values: how many there are
 * @mean: (out): their mean
 * @minimum: (out): the smallest
 * @maximum: (out): the largest
 * @error: return location for a #GError
 *
 * Describes a list of numbers.
 *
 * Returns: %TRUE
 */
gboolean
calc_calculator_statistics (CalcCalculator  *self,
                            const double    *values,
                            gsize            n_values,
                            double          *mean,
                            double          *minimum,
                            double          *maximum,
                            GError         **error)
{
  double sum = 0;

  if (n_values == 0)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                           "There are no numbers to describe");
      return FALSE;
    }

  *minimum = *maximum = values[0];
  for (gsize i = 0; i < n_values; i++)
    {
      sum += values[i];
      *minimum = MIN (*minimum, values[i]);
      *maximum = MAX (*maximum, values[i]);
    }
  *mean = sum / n_values;

  count_operation (self);
  return TRUE;
}

/**
 * calc_calculator_store: (attributes mcp.idempotent=1 mcp.destructive=0)
 * @self: a #CalcCalculator
 * @value: the number to remember
 *
 * Puts a number in the memory.
 *
 * Returns: the number the memory held before
 */
double
calc_calculator_store (CalcCalculator *self,
                       double          value)
{
  double previous = self->memory;

  if (previous != value)
    {
      self->memory = value;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MEMORY]);
    }
  return previous;
}

static void
factorial_thread (GTask        *task,
                  gpointer      source_object,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  guint n = GPOINTER_TO_UINT (task_data);
  guint64 product = 1;

  for (guint i = 2; i <= n; i++)
    {
      if (g_task_return_error_if_cancelled (task))
        return;
      product *= i;
    }

  g_task_return_pointer (task, g_memdup2 (&product, sizeof product), g_free);
}

/**
 * calc_calculator_factorial_async: (attributes mcp.read-only=1)
 * @self: a #CalcCalculator
 * @n: a number from 0 to 20
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when the factorial is known
 * @user_data: data for @callback
 *
 * Computes the factorial of a number, in a worker thread.
 */
void
calc_calculator_factorial_async (CalcCalculator      *self,
                                 guint                n,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, calc_calculator_factorial_async);

  if (n > 20)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                               "%u! does not fit in 64 bits: the largest is 20!", n);
      return;
    }

  count_operation (self);
  g_task_set_task_data (task, GUINT_TO_POINTER (n), NULL);
  g_task_run_in_thread (task, factorial_thread);
}

/**
 * calc_calculator_factorial_finish:
 * @self: a #CalcCalculator
 * @result: the result given to the callback
 * @error: return location for a #GError
 *
 * Completes calc_calculator_factorial_async().
 *
 * Returns: the factorial
 */
guint64
calc_calculator_factorial_finish (CalcCalculator  *self,
                                  GAsyncResult    *result,
                                  GError         **error)
{
  g_autofree guint64 *product = g_task_propagate_pointer (G_TASK (result), error);

  return product != NULL ? *product : 0;
}

/* The task is held once, by whichever source fires first. */
typedef struct
{
  double   square;
  GSource *timeout;
  GSource *cancelled;
} Square;

static void
square_free (Square *square)
{
  g_source_destroy (square->timeout);
  g_source_unref (square->timeout);
  if (square->cancelled != NULL)
    {
      g_source_destroy (square->cancelled);
      g_source_unref (square->cancelled);
    }
  g_free (square);
}

static gboolean
square_timeout_cb (gpointer user_data)
{
  g_autoptr(GTask) task = user_data;
  Square *square = g_task_get_task_data (task);

  if (square->cancelled != NULL)
    g_source_destroy (square->cancelled);
  g_task_return_pointer (task, g_memdup2 (&square->square, sizeof square->square), g_free);
  return G_SOURCE_REMOVE;
}

static gboolean
square_cancelled_cb (GCancellable *cancellable,
                     gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Square *square = g_task_get_task_data (task);

  g_source_destroy (square->timeout);
  g_task_return_error_if_cancelled (task);
  return G_SOURCE_REMOVE;
}

/**
 * calc_calculator_delayed_square_async: (attributes mcp.read-only=1)
 * @self: a #CalcCalculator
 * @x: the number to square
 * @delay_ms: (attributes mcp.default=100): how long to take, in
 *   milliseconds
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Squares a number, slowly, without blocking anything: many of these run
 * at once.
 */
void
calc_calculator_delayed_square_async (CalcCalculator      *self,
                                      double               x,
                                      guint                delay_ms,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);
  Square *square = g_new0 (Square, 1);

  square->square = x * x;
  count_operation (self);
  g_task_set_task_data (task, square, (GDestroyNotify)square_free);

  square->timeout = g_timeout_source_new (MIN (delay_ms, 60000));
  g_source_set_callback (square->timeout, square_timeout_cb, task, NULL);
  g_source_attach (square->timeout, g_main_context_get_thread_default ());
  if (cancellable != NULL)
    {
      square->cancelled = g_cancellable_source_new (cancellable);
      g_source_set_callback (square->cancelled, G_SOURCE_FUNC (square_cancelled_cb), task, NULL);
      g_source_attach (square->cancelled, g_main_context_get_thread_default ());
    }
}

/**
 * calc_calculator_delayed_square_finish:
 * @self: a #CalcCalculator
 * @result: the result given to the callback
 * @error: return location for a #GError
 *
 * Completes calc_calculator_delayed_square_async().
 *
 * Returns: the square
 */
double
calc_calculator_delayed_square_finish (CalcCalculator  *self,
                                       GAsyncResult    *result,
                                       GError         **error)
{
  g_autofree double *square = g_task_propagate_pointer (G_TASK (result), error);

  return square != NULL ? *square : 0;
}

/* calc-calculator.h — a calculator whose methods are MCP tools
 *
 * Copyright 2026 The makemcp-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include <makemcp-glib/makemcp-glib.h>

G_BEGIN_DECLS

/**
 * CalcAngleUnit:
 * @CALC_ANGLE_UNIT_RADIANS: angles are in radians
 * @CALC_ANGLE_UNIT_DEGREES: angles are in degrees
 *
 * How the calculator reads angles.
 */
typedef enum
{
  CALC_ANGLE_UNIT_RADIANS,
  CALC_ANGLE_UNIT_DEGREES,
} CalcAngleUnit;

#define CALC_TYPE_ANGLE_UNIT (calc_angle_unit_get_type ())
GType calc_angle_unit_get_type (void);

#define CALC_TYPE_CALCULATOR (calc_calculator_get_type ())
G_DECLARE_FINAL_TYPE (CalcCalculator, calc_calculator, CALC, CALCULATOR, McpToolProvider)

double   calc_calculator_add              (CalcCalculator       *self,
                                           double                a,
                                           double                b);
double   calc_calculator_subtract         (CalcCalculator       *self,
                                           double                a,
                                           double                b);
double   calc_calculator_multiply         (CalcCalculator       *self,
                                           double                a,
                                           double                b);
double   calc_calculator_divide           (CalcCalculator       *self,
                                           double                dividend,
                                           double                divisor,
                                           GError              **error);
double   calc_calculator_sine             (CalcCalculator       *self,
                                           double                angle);
gboolean calc_calculator_statistics       (CalcCalculator       *self,
                                           const double         *values,
                                           gsize                 n_values,
                                           double               *mean,
                                           double               *minimum,
                                           double               *maximum,
                                           GError              **error);
double   calc_calculator_store            (CalcCalculator       *self,
                                           double                value);
void     calc_calculator_factorial_async  (CalcCalculator       *self,
                                           guint                 n,
                                           GCancellable         *cancellable,
                                           GAsyncReadyCallback   callback,
                                           gpointer              user_data);
guint64  calc_calculator_factorial_finish (CalcCalculator       *self,
                                           GAsyncResult         *result,
                                           GError              **error);
void     calc_calculator_delayed_square_async  (CalcCalculator       *self,
                                                double                x,
                                                guint                 delay_ms,
                                                GCancellable         *cancellable,
                                                GAsyncReadyCallback   callback,
                                                gpointer              user_data);
double   calc_calculator_delayed_square_finish (CalcCalculator       *self,
                                                GAsyncResult         *result,
                                                GError              **error);

G_END_DECLS

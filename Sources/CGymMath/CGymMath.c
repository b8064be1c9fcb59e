#include "CGymMath.h"
#include <math.h>

double cgym_pow(double x, double y) { return pow(x, y); }

float cgym_powf(float x, float y) { return powf(x, y); }

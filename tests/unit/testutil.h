/* Shared includes for the cmocka unit tests. */
#ifndef BRIEFING_TESTUTIL_H
#define BRIEFING_TESTUTIL_H
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#endif

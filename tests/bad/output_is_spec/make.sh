#!/bin/sh
# spec.md and t.csv, made afresh each time: a build that lets -o overwrite
# the spec must not damage a committed file.
cat >spec.md <<'SPEC'
---
title: Bad input
---
```chart
type: bar
data: t.csv
x: period
y: value_usd_m
title: T
```
SPEC
printf 'period,value_usd_m,source\n2020,1,S\n2021,2,S\n' >t.csv

#!/bin/sh
# t.csv (made afresh: a build that lets -o overwrite it turns it into a
# PDF) and an empty folder sub/ for the "sub/.." in the output's name.
printf 'period,value_usd_m,source\n2020,1,S\n2021,2,S\n' >t.csv
mkdir -p sub

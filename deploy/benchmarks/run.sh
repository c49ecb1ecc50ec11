#!/usr/bin/env sh
# Runs every benchmark once on a durable embedded PostgreSQL and writes deploy/benchmarks/target/benchmark-results.json.
# Not part of the test suite: the module is only in the `bench` profile. Sizes can be changed with -Dbench.<name>=...
# (see CarebankBenchmark), e.g. ./deploy/benchmarks/run.sh -Dbench.storeVisits=300000
cd "$(dirname "$0")/../.." || exit 1
exec ./mvnw -B -Pbench verify -pl deploy/benchmarks -am \
  -Dtest=CarebankBenchmark -Dsurefire.failIfNoSpecifiedTests=false -DskipITs -Dspotless.check.skip=true "$@"

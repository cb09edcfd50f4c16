# Build time. Measured on 2 cores (README: Build time), a clean build is
# spent almost entirely in the compiler's front end: parsing the same heavy
# third-party headers (Eigen, nlohmann/json, doctest, Boost, TBB, fmt) and
# instantiating the same templates in one translation unit after another.
# What matters most is how often those headers are compiled; then, in the
# largest units, how much code the optimiser generates (below).
#
#  - Unity builds: each target's sources are compiled together, in batches
#    of ACTFORGE_UNITY_BATCH (0: the whole target in one translation unit,
#    the fastest clean build; 8 recompiles less after an edit). Every
#    source added to a target joins a batch by itself, unless it has
#    source-level compile options: give options to the whole target.
#  - Precompiled headers (off by default): they pay only when a target has
#    many translation units. With whole-target unity batches, generating
#    a precompiled header costs more than the one parse it saves.
#  - Test code (not the libraries it tests) is compiled at -O0 in Release
#    builds: doctest's assertions are large and gain nothing from
#    optimisation; the arithmetic the tests run is in the libraries.
#  - Code that directs work rather than doing it (the evolution layer:
#    campaigns, strategies, reports) is compiled at -O1 in Release builds.
#    Its unit is the largest of the build, and -O1 almost halves its code
#    generation (about 60 to 34 CPU s); the arithmetic a campaign spends
#    its time in (expr, nn, fitness) keeps -O3.
#    -O1 does not fuse a*b+c into one FMA instruction as -O3 does with
#    -march=native, so arithmetic here (the Adam step on DARTS's alpha, the
#    RL policy) may round differently from an -O3 build; the GA, regularized
#    and RL campaigns compared gave the same evaluations and hall of fame.
#
# Names with internal linkage (anonymous namespaces, static) must be unique
# within a target; -DACTFORGE_UNITY_BUILD=OFF finds a clash quickly.
option(ACTFORGE_UNITY_BUILD "Compile each target's sources together (unity build)" ON)
set(ACTFORGE_UNITY_BATCH 0 CACHE STRING "Sources per unity batch (0: the whole target)")
option(ACTFORGE_PRECOMPILED_HEADERS "Precompile each target's heavy third-party headers" OFF)

# actforge_build_speed(target [header...]): the headers are precompiled for
# the target's own sources (PRIVATE: users of a library are not affected).
function(actforge_build_speed target)
  if(ACTFORGE_UNITY_BUILD)
    set_target_properties(${target} PROPERTIES UNITY_BUILD ON UNITY_BUILD_BATCH_SIZE ${ACTFORGE_UNITY_BATCH})
  endif()
  if(ACTFORGE_PRECOMPILED_HEADERS AND ARGN)
    target_precompile_headers(${target} PRIVATE ${ARGN})
  endif()
endfunction()

# actforge_test_build_speed(target [header...]): as above, for test code.
function(actforge_test_build_speed target)
  actforge_build_speed(${target} ${ARGN})
  target_compile_options(${target} PRIVATE $<$<CONFIG:Release>:-O0>)
endfunction()

# actforge_orchestration_build_speed(target): as actforge_build_speed, for a
# library that orchestrates and does no heavy arithmetic of its own.
function(actforge_orchestration_build_speed target)
  actforge_build_speed(${ARGV})
  target_compile_options(${target} PRIVATE $<$<CONFIG:Release>:-O1>)
endfunction()

# Build time. Most of a clean build used to go to parsing the same heavy
# third-party headers (Eigen, nlohmann/json, doctest, Boost, TBB, fmt) and
# instantiating the same templates in one translation unit after another.
# Two remedies, applied per target by actforge_build_speed():
#  - precompiled headers: the target's heavy headers are parsed once into a
#    precompiled header that every source of the target starts from;
#  - unity builds: sources are compiled in batches of ACTFORGE_UNITY_BATCH,
#    one translation unit per batch, so shared headers and template
#    instantiations are compiled once per batch. Every source added to a
#    target joins a batch by itself. Sources with their own compile options
#    (set_source_files_properties) stay on their own.
# Names with internal linkage (anonymous namespaces, static) must therefore
# be unique within a target; turn ACTFORGE_UNITY_BUILD off to find a
# clash quickly.
option(ACTFORGE_UNITY_BUILD "Compile each target's sources in batches (unity build)" ON)
option(ACTFORGE_PRECOMPILED_HEADERS "Precompile each target's heavy third-party headers" ON)
set(ACTFORGE_UNITY_BATCH 8 CACHE STRING "Sources per unity batch")

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

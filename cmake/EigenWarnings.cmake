# actforge_quiet_eigen_warnings(target): GCC 12 reports its own AVX-512
# intrinsic headers (used by Eigen's packet math) as reading uninitialised
# values; that noise would hide real warnings. Set on a whole target, never
# on single sources: a source with its own options leaves the target's
# unity batch (cmake/BuildSpeed.cmake).
function(actforge_quiet_eigen_warnings target)
  target_compile_options(${target} PRIVATE -Wno-uninitialized -Wno-maybe-uninitialized)
endfunction()

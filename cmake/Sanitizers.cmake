# Sanitizer and fuzzing builds.
#
#   ACTFORGE_SANITIZE=address,undefined   ASan + UBSan (any compiler)
#   ACTFORGE_SANITIZE=thread              TSan
#   ACTFORGE_FUZZ=ON                      libFuzzer targets in tests/fuzz (clang
#                                         only; implies address,undefined)
#
# Every finding stops the program (-fno-sanitize-recover), so a test or a
# fuzz run fails instead of printing a warning nobody reads. Frame pointers
# stay for readable stacks. CMakePresets.json names the usual builds.
set(ACTFORGE_SANITIZE "" CACHE STRING "Sanitizers to build with: address,undefined or thread (empty: none)")
option(ACTFORGE_FUZZ "Build the libFuzzer targets of tests/fuzz (clang)" OFF)

if(ACTFORGE_FUZZ)
  if(NOT CMAKE_CXX_COMPILER_ID MATCHES "Clang")
    message(FATAL_ERROR "ACTFORGE_FUZZ needs clang (libFuzzer): configure with -DCMAKE_CXX_COMPILER=clang++")
  endif()
  if(NOT ACTFORGE_SANITIZE)
    set(ACTFORGE_SANITIZE "address,undefined")
  endif()
  # Coverage feedback for every library; only the fuzz targets link the
  # libFuzzer driver (-fsanitize=fuzzer, tests/fuzz/CMakeLists.txt).
  add_compile_options(-fsanitize=fuzzer-no-link)
endif()

if(ACTFORGE_SANITIZE)
  if(ACTFORGE_SANITIZE MATCHES "thread" AND ACTFORGE_SANITIZE MATCHES "address")
    message(FATAL_ERROR "ACTFORGE_SANITIZE: thread cannot be combined with address")
  endif()
  set(actforge_sanitizers ${ACTFORGE_SANITIZE})
  # GCC leaves float-to-integer overflow out of "undefined"; clang has it in.
  if(ACTFORGE_SANITIZE MATCHES "undefined")
    string(APPEND actforge_sanitizers ",float-cast-overflow")
  endif()
  add_compile_options(-fsanitize=${actforge_sanitizers} -fno-sanitize-recover=all -fno-omit-frame-pointer)
  # TSan needs clang: its ignore list leaves TBB's header code uninstrumented
  # (cmake/tsan_ignorelist.txt says why); GCC has no such list.
  if(ACTFORGE_SANITIZE MATCHES "thread")
    if(NOT CMAKE_CXX_COMPILER_ID MATCHES "Clang")
      message(FATAL_ERROR "ACTFORGE_SANITIZE=thread needs clang (cmake/tsan_ignorelist.txt): configure with -DCMAKE_CXX_COMPILER=clang++ or use the tsan preset")
    endif()
    add_compile_options(-fsanitize-ignorelist=${CMAKE_CURRENT_SOURCE_DIR}/cmake/tsan_ignorelist.txt)
  endif()
  add_link_options(-fsanitize=${actforge_sanitizers})
  message(STATUS "actforge: sanitizers ${actforge_sanitizers}")
endif()

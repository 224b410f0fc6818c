# libFuzzer harnesses, tests/fuzz/*_fuzz.cpp, one executable each (scripts/fuzz.sh builds and runs them).
# With NEURODYN_FUZZ=ON (clang only: the `fuzz` preset) the target `fuzz_harnesses` builds them against the
# model and stimulus layers and the readers of user input below, all instrumented for libFuzzer and built with
# AddressSanitizer and UndefinedBehaviorSanitizer. The solver and analysis layers, most of the build time, are
# not built: a reader that comes to call into them, or a new reader, goes into the list.
option(NEURODYN_FUZZ "Build the libFuzzer harnesses under tests/fuzz/ (clang)" OFF)
if(NOT NEURODYN_FUZZ)
  return()
endif()
if(NOT CMAKE_CXX_COMPILER_ID STREQUAL "Clang")
  message(FATAL_ERROR "NEURODYN_FUZZ needs clang for libFuzzer; configure with `cmake --preset fuzz`")
endif()

set(neurodyn_fuzz_readers
    src/io/abf2.cpp src/io/input_events_file.cpp src/io/memory_budget.cpp src/io/read_fit_settings.cpp
    src/io/read_run_settings.cpp src/io/resolve_run.cpp
    src/io/toml_document.cpp src/io/toml_input_bounds.cpp src/io/trace_table.cpp src/serve/simulate_request.cpp
    src/serve/work_limits.cpp src/solve/method_catalog.cpp src/solve/method_options.cpp)
add_library(neurodyn_fuzz_readers STATIC ${neurodyn_fuzz_readers})
target_include_directories(neurodyn_fuzz_readers PUBLIC src)  # the harnesses call the readers' private headers
target_link_libraries(neurodyn_fuzz_readers PUBLIC neurodyn_stimulus toml11::toml11 nlohmann_json::nlohmann_json)

set(neurodyn_fuzz_checks -fno-omit-frame-pointer -fno-sanitize-recover=all)
foreach(library neurodyn_model neurodyn_stimulus neurodyn_fuzz_readers)
  target_compile_options(${library} PRIVATE -fsanitize=fuzzer-no-link,address,undefined ${neurodyn_fuzz_checks})
endforeach()

add_custom_target(fuzz_harnesses)
file(GLOB neurodyn_fuzz_sources CONFIGURE_DEPENDS tests/fuzz/*_fuzz.cpp)
foreach(source ${neurodyn_fuzz_sources})
  get_filename_component(harness ${source} NAME_WE)
  add_executable(${harness} ${source})
  target_compile_options(${harness} PRIVATE -fsanitize=fuzzer,address,undefined ${neurodyn_fuzz_checks})
  target_link_options(${harness} PRIVATE -fsanitize=fuzzer,address,undefined)
  target_link_libraries(${harness} PRIVATE neurodyn_fuzz_readers)
  add_dependencies(fuzz_harnesses ${harness})
endforeach()

# The explorer page (web/) compiled into neurodyn_serve as byte arrays, so that `neurodyn serve` works from any
# directory without files beside it. The arrays are regenerated whenever a file under web/ changes.
file(GLOB_RECURSE neurodyn_web_files CONFIGURE_DEPENDS ${PROJECT_SOURCE_DIR}/web/*)
set(neurodyn_web_assets_cpp ${CMAKE_BINARY_DIR}/generated/web_assets_data.cpp)
add_custom_command(
  OUTPUT ${neurodyn_web_assets_cpp}
  COMMAND ${CMAKE_COMMAND} -DWEB_ROOT=${PROJECT_SOURCE_DIR}/web -DOUTPUT=${neurodyn_web_assets_cpp}
          -P ${CMAKE_CURRENT_LIST_DIR}/embed_files.cmake
  DEPENDS ${neurodyn_web_files} ${CMAKE_CURRENT_LIST_DIR}/embed_files.cmake
  COMMENT "Embedding web/ into the serve layer"
  VERBATIM)
target_sources(neurodyn_serve PRIVATE ${neurodyn_web_assets_cpp})

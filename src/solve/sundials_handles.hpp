#pragma once
// Owning handles for the SUNDIALS objects a CVODE run needs, so that every one is freed on every path
// (a constructor that throws half-way included).
#include <cvode/cvode.h>
#include <memory>
#include <nvector/nvector_serial.h>
#include <sundials/sundials_context.h>
#include <sunlinsol/sunlinsol_dense.h>
#include <sunmatrix/sunmatrix_dense.h>
#include <type_traits>

namespace neurodyn::detail {

struct SundialsContextFree {
  void operator()(SUNContext context) const { SUNContext_Free(&context); }
};
struct NVectorDestroy {
  void operator()(N_Vector vector) const { N_VDestroy(vector); }
};
struct CvodeMemoryFree {
  void operator()(void* memory) const { CVodeFree(&memory); }
};
struct SunMatrixDestroy {
  void operator()(SUNMatrix matrix) const { SUNMatDestroy(matrix); }
};
struct SunLinearSolverFree {
  void operator()(SUNLinearSolver solver) const { SUNLinSolFree(solver); }
};

using SundialsContext = std::unique_ptr<std::remove_pointer_t<SUNContext>, SundialsContextFree>;
using NVector = std::unique_ptr<std::remove_pointer_t<N_Vector>, NVectorDestroy>;
using CvodeMemory = std::unique_ptr<void, CvodeMemoryFree>;
using SunMatrix = std::unique_ptr<std::remove_pointer_t<SUNMatrix>, SunMatrixDestroy>;
using SunLinearSolver = std::unique_ptr<std::remove_pointer_t<SUNLinearSolver>, SunLinearSolverFree>;

}  // namespace neurodyn::detail

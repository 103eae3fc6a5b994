import CFFTW
import Synchronization

/// The one serialised entry point to FFTW's planner, and the process-wide cache of its plans.
///
/// FFTW's planner keeps global state: creating or destroying plans from two threads at once is
/// undefined. Every plan in paracues is made through ``FFTPlanner/shared``, which holds a lock for the
/// duration of the call and has also switched FFTW into its thread-safe planner mode.
///
/// Plans are made once per (direction, size) and kept for the life of the process (a handful of
/// sizes: 512, 640, 1024, …); every ``RealFFT`` / ``InverseRealFFT`` of that size executes the same
/// plan on its own arrays through FFTW's new-array execute functions (`fftwf_execute_dft_r2c`,
/// `fftwf_execute_dft_c2r`), which FFTW documents as thread-safe. So creating an analyser costs a
/// dictionary lookup per transform instead of an FFTW planning pass (≈ 40 million instructions per
/// analyser before), and parallel streams never wait on the planner after the first one. The plans
/// are made with `FFTW_ESTIMATE` on `fftwf_malloc` arrays (SIMD-aligned, like every array they are
/// executed on), so the arithmetic — and every output bit — is the same as with a private plan.
public final class FFTPlanner: Sendable {
    /// The process-wide planner.
    public static let shared = FFTPlanner()

    /// Plans by key (`size` for forward, `-size` for inverse). FFTW plans are immutable once made.
    private let plans = Mutex<[Int: UnsafeSendablePlan]>([:])

    private init() {
        fftwf_make_planner_thread_safe()
    }

    /// An FFTW plan pointer. FFTW plans are read-only after planning and may be executed from any
    /// thread with the new-array execute functions.
    struct UnsafeSendablePlan: @unchecked Sendable {
        let plan: fftwf_plan
    }

    /// The forward real-to-complex plan of `size` points (out of place, SIMD-aligned arrays).
    func forwardPlan(size: Int) -> fftwf_plan {
        plan(key: size) {
            let input = fftwf_alloc_real(size)!, output = fftwf_alloc_complex(size / 2 + 1)!
            defer { fftwf_free(input); fftwf_free(output) }
            return fftwf_plan_dft_r2c_1d(Int32(size), input, output, UInt32(FFTW_ESTIMATE))!
        }
    }

    /// The inverse complex-to-real plan of `size` points (out of place, SIMD-aligned arrays; may
    /// overwrite its input).
    func inversePlan(size: Int) -> fftwf_plan {
        plan(key: -size) {
            let input = fftwf_alloc_complex(size / 2 + 1)!, output = fftwf_alloc_real(size)!
            defer { fftwf_free(input); fftwf_free(output) }
            return fftwf_plan_dft_c2r_1d(Int32(size), input, output, UInt32(FFTW_ESTIMATE))!
        }
    }

    private func plan(key: Int, make: () -> fftwf_plan) -> fftwf_plan {
        plans.withLock { cache in
            if let cached = cache[key] { return cached.plan }
            let plan = make()
            cache[key] = UnsafeSendablePlan(plan: plan)
            return plan
        }
    }
}

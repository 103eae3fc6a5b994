import CFFTW
import Synchronization

/// The one serialised entry point to FFTW's planner.
///
/// FFTW's planner keeps global state: creating or destroying plans from two threads at once is
/// undefined. Every plan in paracues is made and destroyed through ``FFTPlanner/shared``, which holds a
/// lock for the duration of the call and has also switched FFTW into its thread-safe planner mode.
/// Executing an existing plan on new arrays (`fftwf_execute_dft_r2c`) is thread-safe and needs no lock.
public final class FFTPlanner: Sendable {
    /// The process-wide planner.
    public static let shared = FFTPlanner()

    private let lock = Mutex<Void>(())

    private init() {
        fftwf_make_planner_thread_safe()
    }

    /// Runs `body` while holding the planner lock.
    func withLock<R>(_ body: () -> R) -> R {
        lock.withLock { _ in body() }
    }
}

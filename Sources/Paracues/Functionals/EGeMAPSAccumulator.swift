import Foundation

/// The 88 eGeMAPSv02 functionals (openSMILE names and order) over a stream of frames.
///
/// Feed one ``EGeMAPSFrame`` per frame, in order (``add(_:)``); ``functionals()`` returns the 88
/// features over everything so far. Frames are kept (≈ 136 bytes each, 49 MB per hour of audio) because
/// percentiles, peaks and 3-frame smoothing need the contours; `reserveFrames` avoids regrowth.
/// For rolling values use ``EGeMAPSWindowedAccumulator``.
///
/// Definitions follow openSMILE's eGeMAPSv02 configuration (Eyben et al. 2016): contours are
/// smoothed with a 3-frame moving average (`sma3`; `nz` = voiced/non-missing frames only, smoothing
/// only over present neighbours); `amean` is the mean, `stddevNorm` σ/μ, percentiles interpolate
/// linearly, `pctlrange0-2` = P80 − P20, slopes are in units per second. Details: `docs/egemaps.md`.
public struct EGeMAPSAccumulator: Sendable {
    /// Seconds per frame (0.010).
    public let frameSeconds: Double
    private(set) var frames: [EGeMAPSFrame] = []

    /// - Parameters:
    ///   - frameSeconds: hop in seconds.
    ///   - reserveFrames: expected number of frames (optional).
    public init(frameSeconds: Double = 0.010, reserveFrames: Int = 0) {
        self.frameSeconds = frameSeconds
        frames.reserveCapacity(reserveFrames)
    }

    /// Number of frames received.
    public var frameCount: Int { frames.count }

    /// Adds the next frame.
    public mutating func add(_ frame: EGeMAPSFrame) { frames.append(frame) }

    /// Drops the oldest `n` frames (sliding windows).
    mutating func dropFirst(_ n: Int) { frames.removeFirst(min(n, frames.count)) }

    /// The 88 features in openSMILE's order.
    public func functionals() -> [EGeMAPSFeature] {
        EGeMAPSFunctionals.compute(frames[...], frameSeconds: frameSeconds)
    }
}

/// Rolling eGeMAPS functionals: every `step` seconds, the 88 features over the last `window` seconds.
public struct EGeMAPSWindowedAccumulator: Sendable {
    /// Window length, seconds (≥ 0.1).
    public let window: Double
    /// Step between windows, seconds (≥ 0.01).
    public let step: Double
    private var inner: EGeMAPSAccumulator
    private let windowFrames: Int, stepFrames: Int
    private var sinceLast = 0
    private var firstIndex = 0

    /// One window's result: start and end times (s) and the 88 features.
    public struct Window: Sendable, Hashable {
        /// Start of the window, seconds from the stream start.
        public var start: Double
        /// End of the window, seconds (start + window).
        public var end: Double
        /// The 88 features over the window, in openSMILE order.
        public var features: [EGeMAPSFeature]
    }

    /// - Throws: ``ParacuesError/invalidConfiguration(_:)`` when window < 0.1 s or step < hop.
    public init(window: Double, step: Double, frameSeconds: Double = 0.010) throws(ParacuesError) {
        guard window >= 0.1, window.isFinite, step >= frameSeconds, step.isFinite else {
            throw .invalidConfiguration("eGeMAPS window must be ≥ 0.1 s and step ≥ one hop (got \(window) s / \(step) s)")
        }
        self.window = window
        self.step = step
        windowFrames = Int((window / frameSeconds).rounded())
        stepFrames = Int((step / frameSeconds).rounded())
        inner = EGeMAPSAccumulator(frameSeconds: frameSeconds, reserveFrames: windowFrames + 1)
    }

    /// Adds a frame; returns a window when one is complete (every `step` once `window` is filled).
    public mutating func add(_ frame: EGeMAPSFrame) -> Window? {
        if inner.frameCount == 0 { firstIndex = frame.index }
        inner.add(frame)
        if inner.frameCount > windowFrames {
            inner.dropFirst(inner.frameCount - windowFrames)
            firstIndex = inner.frames.first?.index ?? frame.index
        }
        sinceLast += 1
        guard inner.frameCount == windowFrames, sinceLast >= stepFrames
        else { return nil }
        sinceLast = 0
        let fs = inner.frameSeconds
        return Window(start: Double(firstIndex) * fs, end: Double(frame.index + 1) * fs, features: inner.functionals())
    }
}

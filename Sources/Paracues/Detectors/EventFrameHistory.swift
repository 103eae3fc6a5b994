/// One frame as the event detectors see it: smoothed band level plus the frame's own measurements.
public struct SmoothedEventFrame: Sendable, Hashable {
    /// Frame number.
    public var index: Int
    /// 300–3000 Hz band level (or total level, see ``EventFrameHistory/usesTotalLevel``) smoothed with the 5-tap kernel (0.06, 0.24, 0.40, 0.24, 0.06), dB.
    public var level: Float
    /// Tracked noise floor of ``level`` at this frame, dB.
    public var floor: Float
    /// The frame's ``FrameAcoustics/harmonicity``.
    public var harmonicity: Float
    /// The frame's ``FrameAcoustics/melLevelsDB``.
    public var mel: SIMD32<Float>
    /// The frame's ``FrameAcoustics/periodicityHz``.
    public var periodicityHz: Float = 0
}

/// Smooths the band level (2 frames of look-ahead), tracks the noise floor, and keeps the last
/// `capacity` decided frames for look-back. No allocation per frame.
///
/// Noise floor: follows the smoothed level down with a 0.3 per-frame step, rises 0.01 dB per frame
/// (1 dB/s) otherwise — a minimum tracker in the spirit of Martin (2001) minimum statistics.
public struct EventFrameHistory: Sendable {
    private static let kernel: [Float] = [0.06, 0.24, 0.40, 0.24, 0.06]
    private var delay: [FrameAcoustics]
    private var ring: [SmoothedEventFrame]
    private var received = 0
    private var noiseFloor: Float = 0
    private var lastPushed = -1
    /// Index of the newest decided frame, −1 before any.
    public private(set) var latest = -1

    /// Which level is smoothed: the 300–3000 Hz band (default) or the whole spectrum.
    public let usesTotalLevel: Bool

    /// Keeps the last `capacity` decided frames (≥ 8); smooths the band level, or the total level
    /// when `usesTotalLevel`.
    public init(capacity: Int, usesTotalLevel: Bool = false) {
        self.usesTotalLevel = usesTotalLevel
        delay = [FrameAcoustics](repeating: FrameAcoustics(index: -1), count: 5)
        ring = [SmoothedEventFrame](repeating: SmoothedEventFrame(index: -1, level: -120, floor: -120,
                                                                  harmonicity: 0, mel: .zero),
                                    count: max(8, capacity))
    }

    /// Number of frames kept.
    public var capacity: Int { ring.count }

    /// Adds the next raw frame; returns the frame decided by it (2 frames older), if any.
    public mutating func push(_ acoustics: FrameAcoustics, valid: Bool = true) -> SmoothedEventFrame? {
        var a = acoustics
        if !valid { a.bandLevelDB = -120; a.totalLevelDB = -120; a.harmonicity = 0 }
        if usesTotalLevel { a.bandLevelDB = a.totalLevelDB }
        if received == 0 { for i in 0..<5 { delay[i] = a } }
        for i in 0..<4 { delay[i] = delay[i + 1] }
        delay[4] = a
        lastPushed = a.index
        received += 1
        guard received >= 3 else { return nil }
        return decide()
    }

    /// Decides the next frame still in the look-ahead at the end of the stream (repeating the last
    /// level); nil when none is left. Call until nil after the last ``push(_:valid:)``.
    public mutating func flushNext() -> SmoothedEventFrame? {
        guard received > 0, latest < lastPushed else { return nil }
        var pad = delay[4]
        pad.index += 1
        pad.harmonicity = 0
        for i in 0..<4 { delay[i] = delay[i + 1] }
        delay[4] = pad
        return decide()
    }

    private mutating func decide() -> SmoothedEventFrame {
        var s: Float = 0
        for i in 0..<5 { s += Self.kernel[i] * delay[i].bandLevelDB }
        let centre = delay[2]
        if latest < 0 { noiseFloor = s }
        if s < noiseFloor { noiseFloor += 0.3 * (s - noiseFloor) } else { noiseFloor += 0.01 }
        let frame = SmoothedEventFrame(index: centre.index, level: s, floor: noiseFloor,
                                       harmonicity: centre.harmonicity, mel: centre.melLevelsDB,
                                       periodicityHz: centre.periodicityHz)
        latest = centre.index
        ring[centre.index % ring.count] = frame
        return frame
    }

    /// The decided frame `index`; valid for `latest - capacity < index ≤ latest`.
    public subscript(index: Int) -> SmoothedEventFrame {
        precondition(index <= latest && index > latest - ring.count && index >= 0, "frame out of history")
        return ring[index % ring.count]
    }

    /// Oldest index still held.
    public var oldest: Int { max(0, latest - ring.count + 1) }
}

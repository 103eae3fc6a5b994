import Foundation
@testable import Paracues
import ParacuesTestSupport
import Testing

/// Diagnostics, skipped unless their environment variable is set (the assertions live in
/// PitchAccuracyTests and PitchTrackerTests).
@Suite(.serialized) struct PitchReportTests {
    /// With PITCH_PARAMS="octaveCost,octaveJumpCost,compressedWeight,compressedMargin,voicedUnvoicedCost"
    /// runs the bare tracker with those constants; prints each case's score and the pooled score.
    @Test(.enabled(if: ProcessInfo.processInfo.environment["PITCH_REPORT"] != nil, "diagnostic: set PITCH_REPORT"))
    func report() throws {
        let text = ProcessInfo.processInfo.environment["PITCH_REPORT"] ?? ""
        let p = Self.parametersFromEnvironment()
        var truth: [FrameTruth] = [], estimates: [Float] = []
        let cases = PitchHarness.cleanCases + PitchHarness.noisyCases + (text == "all" ? PitchHarness.extraCases : [])
        for c in cases {
            let signal = c.voice.render()
            let f0 = PitchHarness.trackDirect(signal.samples, parameters: p)
            let score = PitchScore(truth: signal.frames, estimates: f0)
            truth += signal.frames; estimates += f0
            print("PITCH", c.name, score)
        }
        print("PITCH pooled", PitchScore(truth: truth, estimates: estimates))
    }
}


extension PitchReportTests {
    /// Frame-by-frame dump of the case named in PITCH_DUMP (diagnostic).
    @Test(.enabled(if: ProcessInfo.processInfo.environment["PITCH_DUMP"] != nil, "diagnostic: set PITCH_DUMP"))
    func dump() throws {
        let name = ProcessInfo.processInfo.environment["PITCH_DUMP"] ?? ""
        for c in (PitchHarness.cleanCases + PitchHarness.noisyCases + PitchHarness.extraCases) where c.name == name {
            let signal = c.voice.render()
            let frames = try PitchHarness.track(signal.samples)
            for (t, f) in zip(signal.frames, frames) {
                print("DUMP", t.index, t.voicing, Int(t.f0Hz), f.f0Hz, f.voicing, f.energyDBFS)
            }
        }
    }
}

extension PitchReportTests {
    /// Comparison support for `Benchmarks/compare/pitch_vs_praat.py` (runs only with
    /// PITCH_EXPORT_DIR set): writes every synthetic sweep case as `syn-NAME.f32` (raw float32,
    /// 16 kHz mono) with `syn-NAME.truth.txt` (`voicing f0` per frame: 1 voiced, 0 unvoiced,
    /// -1 unscored), then tracks every `*.f32` in the folder and writes `NAME.paracues.txt`
    /// (`f0 voicing` per 10 ms frame).
    @Test(.enabled(if: ProcessInfo.processInfo.environment["PITCH_EXPORT_DIR"] != nil, "diagnostic: set PITCH_EXPORT_DIR"))
    func export() throws {
        let dir = ProcessInfo.processInfo.environment["PITCH_EXPORT_DIR"] ?? ""
        let fm = FileManager.default
        for c in PitchHarness.cleanCases + PitchHarness.noisyCases {
            let signal = c.voice.render()
            let raw = signal.samples.withUnsafeBufferPointer { Data(buffer: $0) }
            try raw.write(to: URL(fileURLWithPath: "\(dir)/syn-\(c.name).f32"))
            let truth = signal.frames.map { t -> String in
                let code = t.voicing == .voiced ? 1 : (t.voicing == .unvoiced ? 0 : -1)
                return "\(code) \(t.f0Hz)"
            }.joined(separator: "\n")
            try truth.write(toFile: "\(dir)/syn-\(c.name).truth.txt", atomically: true, encoding: .utf8)
        }
        for file in try fm.contentsOfDirectory(atPath: dir) where file.hasSuffix(".f32") {
            let data = try Data(contentsOf: URL(fileURLWithPath: "\(dir)/\(file)"))
            let samples = data.withUnsafeBytes { Array($0.bindMemory(to: Float.self)) }
            let text: String
            if ProcessInfo.processInfo.environment["PITCH_PARAMS"] != nil {
                text = PitchHarness.trackDirect(samples, parameters: Self.parametersFromEnvironment())
                    .map { "\($0) \($0 > 0 ? 1 : 0)" }.joined(separator: "\n")
            } else {
                text = try PitchHarness.track(samples).map { "\($0.f0Hz) \($0.voicing)" }.joined(separator: "\n")
            }
            let stem = String(file.dropLast(4))
            try text.write(toFile: "\(dir)/\(stem).paracues.txt", atomically: true, encoding: .utf8)
        }
    }
}

extension PitchReportTests {
    /// Speed of the bare tracker (runs only with PITCH_SPEED set; meaningful in release builds):
    /// prints the real-time factor on 20 s of synthetic speech.
    @Test(.enabled(if: ProcessInfo.processInfo.environment["PITCH_SPEED"] != nil, "diagnostic: set PITCH_SPEED"))
    func speed() {
        var samples: [Float] = []
        for seed in UInt64(0)..<8 { samples += SyntheticVoice.utterance(speaker: .female, seed: seed).render().samples }
        var best = Double.infinity
        var frames = 0
        for _ in 0..<10 {
            let tracker = PitchTracker(configuration: AnalysisConfiguration())
            let h = tracker.halfWindow, count = (samples.count - 2 * h) / 160
            var voiced = 0
            let start = Date()
            samples.withUnsafeBufferPointer { all in
                for k in 0..<count {
                    let window = UnsafeBufferPointer(rebasing: all[(k * 160)..<(k * 160 + 2 * h)])
                    tracker.analyze(frameIndex: k, window: window) { if $0.f0Hz > 0 { voiced += 1 } }
                }
            }
            best = min(best, Date().timeIntervalSince(start))
            frames = count
            #expect(voiced > count / 3)
        }
        print("PITCH speed: \(frames) frames, best of 10: \(best * 1e6 / Double(frames)) µs/frame = "
              + "\(Double(frames) / 100 / best)x real time")
    }
}

extension PitchReportTests {
    /// PITCH_PARAMS = "octaveCost,octaveJumpCost,compressedWeight,compressedMargin,voicedUnvoicedCost[,subMultipleCost,subMultipleMargin]".
    static func parametersFromEnvironment() -> PitchParameters {
        var p = PitchParameters()
        if let v = ProcessInfo.processInfo.environment["PITCH_PARAMS"]?.split(separator: ",").compactMap({ Float($0) }),
           v.count >= 5 {
            p.octaveCost = v[0]; p.octaveJumpCost = v[1]; p.compressedWeight = v[2]; p.compressedMargin = v[3]
            p.voicedUnvoicedCost = v[4]
            if v.count > 6 { p.subMultipleCost = v[5]; p.subMultipleMargin = v[6] }
            if v.count > 7 { p.voicingThreshold = v[7] }
            if v.count > 8 { p.noiseThresholdDrop = v[8] }
            if v.count > 9 { p.highBandWeight = v[9] }
            if v.count > 10 { p.highBandFloorMargin = v[10] }
        }
        return p
    }
}

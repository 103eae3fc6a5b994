@testable import Paracues
import ParacuesTestSupport
import Testing

/// Prints the scores of every sweep case (diagnostic; the assertions live in PitchAccuracyTests).
@Suite(.serialized) struct PitchReportTests {
    /// With PITCH_PARAMS="octaveCost,octaveJumpCost,compressedWeight,compressedMargin,voicedUnvoicedCost"
    /// runs the bare tracker with those constants; prints each case's score and the pooled score.
    @Test func report() throws {
        guard let text = ProcessInfo.processInfo.environment["PITCH_REPORT"] else { return }
        var p = PitchParameters()
        if let v = ProcessInfo.processInfo.environment["PITCH_PARAMS"]?.split(separator: ",").compactMap({ Float($0) }),
           v.count == 5 {
            p.octaveCost = v[0]; p.octaveJumpCost = v[1]; p.compressedWeight = v[2]; p.compressedMargin = v[3]
            p.voicedUnvoicedCost = v[4]
        }
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

import Foundation

extension PitchReportTests {
    /// Frame-by-frame dump of the case named in PITCH_DUMP (diagnostic).
    @Test func dump() throws {
        guard let name = ProcessInfo.processInfo.environment["PITCH_DUMP"] else { return }
        for c in (PitchHarness.cleanCases + PitchHarness.noisyCases) where c.name == name {
            let signal = c.voice.render()
            let frames = try PitchHarness.track(signal.samples)
            for (t, f) in zip(signal.frames, frames) {
                print("DUMP", t.index, t.voicing, Int(t.f0Hz), f.f0Hz, f.voicing, f.energyDBFS)
            }
        }
    }
}

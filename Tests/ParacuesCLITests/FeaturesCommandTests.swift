import Foundation
import Testing

@Suite("paracues analyze --features egemaps, voice quality")
struct FeaturesCommandTests {
    static let sample = CLIRun.sample("TestAudio/speech/en_pauses.wav")

    @Test func egemapsAddsAll88NamedFunctionalsAndSlidingWindows() throws {
        let run = try CLIRun.run(["analyze", Self.sample, "--features", "egemaps", "--window", "4s", "--step", "2s"])
        #expect(run.status == 0, "\(run.stderr)")
        let report = try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as! [String: Any]
        let egemaps = try #require(report["egemaps"] as? [String: Any])
        #expect(egemaps.count == 88)
        for name in ["F0semitoneFrom27.5Hz_sma3nz_amean", "loudnessPeaksPerSec", "MeanVoicedSegmentLengthSec",
                     "equivalentSoundLevel_dBp", "mfcc1_sma3_amean", "HNRdBACF_sma3nz_amean"] {
            #expect(egemaps[name] is Double, "\(name)")
        }
        // 14.2 s in 4 s windows every 2 s: windows starting at 0, 2, …, 10 s.
        let windows = try #require(report["egemaps_windows"] as? [[String: Any]])
        #expect(windows.count >= 5 && windows.count <= 6)
        #expect((windows.first?["features"] as? [String: Any])?.count == 88)
    }

    /// One header, then one row per file in input order — also with two jobs, where the short
    /// second file finishes first (its row used to be rendered with the header, which then landed
    /// on line 2).
    @Test(arguments: ["1", "2"])
    func egemapsCSVHasOneRowPerFileUnderOneHeader(jobs: String) throws {
        let vowel = CLIRun.sample("TestAudio/vowels/m100_clean.wav")
        let run = try CLIRun.run(["analyze", Self.sample, vowel, "--features", "egemaps", "--format", "csv", "--quiet", "-j", jobs])
        #expect(run.status == 0, "\(run.stderr)")
        let lines = run.stdout.split(separator: "\n")
        #expect(lines.count == 3)
        #expect(lines[0].split(separator: ",").count == 89)
        #expect(lines[0].hasPrefix("file,F0semitoneFrom27.5Hz_sma3nz_amean"))
        #expect(lines[1].hasPrefix(Self.sample))
        #expect(lines[2].hasPrefix(vowel))
    }

    @Test func voiceQualityIsInEverySummary() throws {
        let run = try CLIRun.run(["analyze", Self.sample])
        let report = try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as! [String: Any]
        let vq = try #require((report["summary"] as? [String: Any])?["voice_quality"] as? [String: Any])
        // espeak-ng's synthetic voice: small but non-zero perturbation, a clearly periodic voice.
        let jitter = try #require(vq["jitter_local_pct"] as? Double)
        let hnr = try #require(vq["hnr_db"] as? Double)
        #expect(jitter > 0 && jitter < 3)
        #expect(hnr > 5 && hnr < 40)
        #expect((vq["period_count"] as? Int ?? 0) > 300)
    }

    @Test(arguments: [["--window", "2s"], ["--features", "egemaps", "--window", "soon"], ["--features", "egemaps", "--step", "1s"]])
    func badFeatureOptionsAreUsageErrors(extra: [String]) throws {
        let run = try CLIRun.run(["analyze", Self.sample] + extra)
        #expect(run.status == 2, "\(extra): \(run.stderr)")
    }

    @Test func silenceGivesNullVoiceQualityWithReasons() throws {
        let dir = CLIRun.temporaryDirectory()
        let silent = dir.appendingPathComponent("silence.wav")
        var data = Data()
        func u32(_ v: UInt32) { withUnsafeBytes(of: v.littleEndian) { data.append(contentsOf: $0) } }
        func u16(_ v: UInt16) { withUnsafeBytes(of: v.littleEndian) { data.append(contentsOf: $0) } }
        data.append(contentsOf: Array("RIFF".utf8)); u32(36 + 32000); data.append(contentsOf: Array("WAVE".utf8))
        data.append(contentsOf: Array("fmt ".utf8)); u32(16); u16(1); u16(1); u32(16000); u32(32000); u16(2); u16(16)
        data.append(contentsOf: Array("data".utf8)); u32(32000); data.append(Data(count: 32000))
        try data.write(to: silent)
        let run = try CLIRun.run(["analyze", silent.path])
        #expect(run.status == 0)
        let report = try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as! [String: Any]
        let vq = try #require((report["summary"] as? [String: Any])?["voice_quality"] as? [String: Any])
        #expect(vq["jitter_local_pct"] is NSNull)
        #expect(((vq["unmeasured"] as? [String: String])?["jitter_local_pct"]?.isEmpty) == false)
    }
}

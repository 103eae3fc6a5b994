import Foundation

extension SyntheticVoice {
    /// A short speech-like utterance (≈ 2.6 s) for `speaker`: silence, a rising vowel, a fricative,
    /// a falling vowel with vibrato-like wobble, a pause, a vowel with a rise–fall, silence. The f0
    /// stays around ``SpeakerClass/typicalF0``; 0.5 % jitter, 3 % shimmer, HNR 25 dB.
    public static func utterance(speaker: SpeakerClass, seed: UInt64 = 1, sampleRate: Double = 16_000,
                                 noise: AdditiveNoise? = nil, telephoneBand: Bool = false) -> SyntheticVoice {
        let f = speaker.typicalF0
        func src(_ c: F0Contour) -> VoiceSource { VoiceSource(contour: c, jitter: 0.005, shimmer: 0.03, hnrDB: 25) }
        return SyntheticVoice(
            segments: [
                .silence(0.25),
                .voiced(0.45, source: src(.exponentialGlide(from: 0.85 * f, to: 1.2 * f)), vowel: .a, speaker: speaker),
                .unvoiced(0.12),
                .voiced(0.5, source: src(.vibrato(base: 1.05 * f, rate: 5.5, depthCents: 60)), vowel: .i,
                        speaker: speaker, levelDB: -23),
                .silence(0.3),
                .voiced(0.6, source: src(.linearGlide(from: 1.15 * f, to: 0.8 * f)), vowel: .u, speaker: speaker,
                        levelDB: -22),
                .unvoiced(0.1, levelDB: -36),
                .silence(0.25),
            ],
            sampleRate: sampleRate, noise: noise, telephoneBand: telephoneBand, seed: seed)
    }
}

extension SyntheticSignal {
    /// The samples as a mono 32-bit float WAV file (for listening and for comparison scripts).
    public func wavData() -> Data {
        var d = Data()
        func u32(_ v: UInt32) { withUnsafeBytes(of: v.littleEndian) { d.append(contentsOf: $0) } }
        func u16(_ v: UInt16) { withUnsafeBytes(of: v.littleEndian) { d.append(contentsOf: $0) } }
        let rate = UInt32(sampleRate.rounded()), bytes = UInt32(samples.count * 4)
        d.append(contentsOf: Array("RIFF".utf8)); u32(36 + bytes); d.append(contentsOf: Array("WAVE".utf8))
        d.append(contentsOf: Array("fmt ".utf8)); u32(16); u16(3); u16(1); u32(rate); u32(rate * 4); u16(4); u16(32)
        d.append(contentsOf: Array("data".utf8)); u32(bytes)
        for s in samples { u32(s.bitPattern) }
        return d
    }
}

extension SyntheticVoice {
    /// Renders one voiced segment of `count` samples starting at absolute time `startTime` s and
    /// appends its glottal periods to `marks`.
    func renderVowel(count: Int, startTime: Double, source: VoiceSource, vowel: Vowel,
                     speaker: SpeakerClass, rng: inout SeededRandom, marks: inout [PitchMark]) -> [Double] {
        let duration = Double(count) / sampleRate
        var flow = [Double](repeating: 0, count: count + 1)
        var t = 0.0
        var parity = false
        let (open, close) = source.quality.pulsePhases
        while t < duration {
            let f0 = source.contour.f0(at: t + 0.5 / source.contour.f0(at: t, duration: duration),
                                       duration: duration)
            var period = 1 / f0
            period *= 1 + source.jitter * min(3, max(-3, rng.gaussian()))
            var amplitude = 1 + source.shimmer * min(3, max(-3, rng.gaussian()))
            if case .creaky(let alternation) = source.quality {
                period *= parity ? 1 - alternation : 1 + alternation
                amplitude *= parity ? 1 - 2 * alternation : 1 + 2 * alternation
            }
            parity.toggle()
            amplitude = max(0.05, amplitude)
            let first = Int((t * sampleRate).rounded(.up))
            let last = min(count, Int(((t + (open + close) * period) * sampleRate).rounded(.up)))
            if first < count {
                for i in first..<max(first, last) {
                    flow[i] += amplitude * source.flow(phase: (Double(i) / sampleRate - t) / period)
                }
                marks.append(PitchMark(closureTime: startTime + t + (open + close) * period,
                                       startTime: startTime + t, period: period, amplitude: amplitude))
            }
            t += period
        }
        // Aspiration noise, modulated by the glottal flow (louder while the glottis is open).
        var aspiration = [Double](repeating: 0, count: count + 1)
        if source.hnrDB != nil {
            for i in 0..<(count + 1) { aspiration[i] = rng.gaussian() * (0.25 + flow[i]) }
        }
        let bandwidths = vowel.bandwidths(for: speaker).map { $0 * source.quality.bandwidthScale }
        var tractV = FormantCascade(frequencies: vowel.formants(for: speaker), bandwidths: bandwidths,
                                    sampleRate: sampleRate)
        var tractN = tractV
        var voiced = [Double](repeating: 0, count: count)
        var noise = [Double](repeating: 0, count: count)
        for i in 0..<count {
            voiced[i] = tractV.process(flow[i + 1] - flow[i])
            noise[i] = tractN.process(aspiration[i + 1] - aspiration[i])
        }
        guard let hnr = source.hnrDB else { return voiced }
        let pv = voiced.reduce(0) { $0 + $1 * $1 }, pn = noise.reduce(0) { $0 + $1 * $1 }
        let gain = pn > 0 ? (pv / pn / _pow(10, hnr / 10)).squareRoot() : 0
        for i in 0..<count { voiced[i] += gain * noise[i] }
        return voiced
    }
}

extension SyntheticVoice {
    /// Renders the signal and its truth.
    ///
    /// Per segment: voiced = Rosenberg pulses (``VoiceSource``) → first difference (lip radiation)
    /// → formant cascade, plus pulse-modulated aspiration noise through the same path scaled to the
    /// segment's HNR; unvoiced = white noise through a broad high resonance; silence = zeros. Each
    /// non-silent segment is scaled to its ``SpeechSegment/levelDB`` and faded in and out over 10 ms
    /// (raised cosine). Then noise is added at the requested SNR, then the telephone band applied.
    public func render() -> SyntheticSignal {
        var rng = SeededRandom(seed: seed)
        var layout: [SegmentTruth] = []
        var speech: [Float] = []
        var marks: [PitchMark] = []
        var start = 0.0
        var startSample = 0
        for segment in segments {
            let end = start + segment.duration
            let endSample = Int((end * sampleRate).rounded())
            let count = max(0, endSample - startSample)
            var part: [Double]
            switch segment.kind {
            case .silence:
                part = [Double](repeating: 0, count: count)
            case .unvoiced:
                part = renderFricative(count: count, rng: &rng)
            case .voiced(let source, let vowel, let speaker):
                part = renderVowel(count: count, startTime: Double(startSample) / sampleRate,
                                   source: source, vowel: vowel, speaker: speaker, rng: &rng, marks: &marks)
            }
            if case .silence = segment.kind {} else { normalise(&part, levelDB: segment.levelDB) }
            speech.append(contentsOf: part.map { Float($0) })
            layout.append(SegmentTruth(start: start, end: end, kind: segment.kind))
            start = end
            startSample = endSample
        }
        var activeSum = 0.0, activeCount = 0
        for seg in layout where seg.isSpeech {
            let a = Int((seg.start * sampleRate).rounded()), b = min(speech.count, Int((seg.end * sampleRate).rounded()))
            for i in a..<max(a, b) { activeSum += Double(speech[i]) * Double(speech[i]); activeCount += 1 }
        }
        let activeRMS = activeCount > 0 ? (activeSum / Double(activeCount)).squareRoot() : 0
        var noiseSamples = [Float](repeating: 0, count: speech.count)
        if let noise, !speech.isEmpty {
            var raw = makeNoise(colour: noise.colour, count: speech.count, rng: &rng)
            let rms = (raw.reduce(0) { $0 + $1 * $1 } / Double(raw.count)).squareRoot()
            let target = activeRMS / _pow(10, noise.snrDB / 20)
            let gain = rms > 0 ? target / rms : 0
            for i in raw.indices { raw[i] *= gain }
            noiseSamples = raw.map { Float($0) }
        }
        var mix = zip(speech, noiseSamples).map { $0 + $1 }
        var bandSpeech = speech
        if telephoneBand {
            var channel = TelephoneBand(sampleRate: sampleRate)
            channel.apply(to: &mix)
            var speechChannel = TelephoneBand(sampleRate: sampleRate)
            speechChannel.apply(to: &bandSpeech)
        }
        return SyntheticSignal(
            samples: mix, speech: bandSpeech, noise: noiseSamples, sampleRate: sampleRate,
            frames: truthGrid(sampleCount: mix.count, layout: layout), pitchMarks: marks,
            segments: layout, activeSpeechRMS: activeRMS)
    }

    private func normalise(_ x: inout [Double], levelDB: Double) {
        guard !x.isEmpty else { return }
        let fade = min(x.count / 2, Int(0.010 * sampleRate))
        for i in 0..<fade {
            let g = 0.5 - 0.5 * _cos(Double.pi * (Double(i) + 0.5) / Double(fade))
            x[i] *= g
            x[x.count - 1 - i] *= g
        }
        let rms = (x.reduce(0) { $0 + $1 * $1 } / Double(x.count)).squareRoot()
        guard rms > 0 else { return }
        let gain = _pow(10, levelDB / 20) / rms
        for i in x.indices { x[i] *= gain }
    }

    private func renderFricative(count: Int, rng: inout SeededRandom) -> [Double] {
        let centre = min(4500, 0.3 * sampleRate)
        var filter = FormantCascade(frequencies: [centre], bandwidths: [2500], sampleRate: sampleRate)
        var previous = 0.0
        return (0..<count).map { _ in
            let w = rng.gaussian()
            let y = filter.process(w - previous)
            previous = w
            return y
        }
    }

    private func makeNoise(colour: NoiseColour, count: Int, rng: inout SeededRandom) -> [Double] {
        switch colour {
        case .white:
            return (0..<count).map { _ in rng.gaussian() }
        case .pink:
            var b0 = 0.0, b1 = 0.0, b2 = 0.0
            return (0..<count).map { _ in
                let w = rng.gaussian()
                b0 = 0.99765 * b0 + w * 0.0990460
                b1 = 0.96300 * b1 + w * 0.2965164
                b2 = 0.57000 * b2 + w * 1.0526913
                return b0 + b1 + b2 + w * 0.1848
            }
        }
    }
}

import Foundation
@testable import Paracues
import ParacuesTestSupport
import Testing

/// `AnnotationText.fixed` prints what `%.Nf` prints (without an ICU formatter per call).
@Suite struct AnnotationTextFormattingTests {
    /// 20 000 random values over 12 orders of magnitude, both signs, 0…3 decimals: identical to
    /// `String(format:)` except (a) values within 1e-9 (relative 1e-13) of a rounding tie, where the two may round
    /// differently, and (b) negative values that round to zero, which print without a minus sign.
    @Test func matchesPrintf() {
        var random = SeededRandom(seed: 11)
        var compared = 0
        for _ in 0..<20_000 {
            let value = (random.uniform() - 0.5) * pow(10, random.uniform() * 12 - 4)
            let digits = Int(random.next() % 4)
            let scaled = abs(value) * pow(10, Double(digits))
            if abs(scaled - scaled.rounded(.down) - 0.5) < 1e-9 + scaled * 1e-13 { continue }
            let printf = String(format: "%.\(digits)f", locale: Locale(identifier: "en_US_POSIX"), value)
            let expected = printf.hasPrefix("-") && printf.dropFirst().allSatisfy({ $0 == "0" || $0 == "." })
                ? String(printf.dropFirst()) : printf
            #expect(AnnotationText.fixed(value, digits) == expected, "\(value) \(digits)")
            compared += 1
        }
        #expect(compared > 19_000)
    }

    @Test func edgeValues() {
        #expect(AnnotationText.fixed(0, 1) == "0.0")
        #expect(AnnotationText.fixed(-0.0, 2) == "0.00")
        #expect(AnnotationText.fixed(-0.04, 1) == "0.0")
        #expect(AnnotationText.fixed(-0.06, 1) == "-0.1")
        #expect(AnnotationText.fixed(2.5, 0) == "2")
        #expect(AnnotationText.fixed(3.5, 0) == "4")
        #expect(AnnotationText.fixed(123.456, 2) == "123.46")
        #expect(AnnotationText.fixed(0.001, 2) == "0.00")
        #expect(AnnotationText.fixed(1e20, 1) == "100000000000000000000.0")
        #expect(AnnotationText.fixed(.nan, 1).lowercased() == "nan")
    }
}

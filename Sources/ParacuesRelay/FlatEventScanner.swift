/// Reads the `type` (and one string field) of a realtime event without a full JSON parse, for the
/// two high-rate events: the client's `input_audio_buffer.append` and the upstream's audio deltas.
///
/// It only accepts a *flat* JSON object — `{` then `"key": value` pairs whose values are strings
/// without escapes or bare scalars (numbers, `true`, `false`, `null`), then `}` — which is how
/// every SDK writes those events. Anything else (nested objects or arrays, a backslash anywhere,
/// odd syntax) returns nil and the caller falls back to the full parser, so the scanner can only
/// speed up, never change, what the relay does. Without escapes every `"` delimits a string, so a
/// key cannot be confused with text inside a value.
struct FlatEventScanner {
    /// The event's `type`, when the text is a flat object that has one.
    var type: Substring?
    /// The value of the requested string field, when present.
    var field: Substring?

    /// Scans `text`; nil when it is not a flat object (use the full parser).
    /// - Parameter fieldName: the string field to return as ``field`` (e.g. `"audio"`).
    init?(_ text: String, field fieldName: StaticString) {
        let fieldBytes = UnsafeRawBufferPointer(start: fieldName.utf8Start, count: fieldName.utf8CodeUnitCount)
        let utf8 = text.utf8
        guard let found = utf8.withContiguousStorageIfAvailable({ Self.scan($0, field: fieldBytes) }),
              let (typeRange, fieldRange) = found else { return nil }
        func substring(_ r: Range<Int>?) -> Substring? {
            guard let r else { return nil }
            let start = utf8.index(utf8.startIndex, offsetBy: r.lowerBound)
            let end = utf8.index(start, offsetBy: r.count)
            return text[start..<end]
        }
        type = substring(typeRange)
        field = substring(fieldRange)
    }

    private static let quote = UInt8(ascii: "\""), colon = UInt8(ascii: ":"), comma = UInt8(ascii: ",")
    private static let open = UInt8(ascii: "{"), close = UInt8(ascii: "}")

    private static func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x0A || b == 0x0D || b == 0x09 }

    /// Byte ranges of the `type` value and the field value (inside the quotes).
    private static func scan(_ bytes: UnsafeBufferPointer<UInt8>, field: UnsafeRawBufferPointer)
        -> (type: Range<Int>?, field: Range<Int>?)? {
        var i = 0
        let n = bytes.count
        func skipSpace() { while i < n && isSpace(bytes[i]) { i += 1 } }
        /// Reads a string starting at a quote; returns the range inside the quotes.
        func readString() -> Range<Int>? {
            guard i < n, bytes[i] == quote else { return nil }
            let start = i + 1
            var j = start
            while j < n && bytes[j] != quote {
                if bytes[j] == UInt8(ascii: "\\") || bytes[j] < 0x20 { return nil }
                j += 1
            }
            guard j < n else { return nil }
            i = j + 1
            return start..<j
        }
        /// Reads `true`, `false`, `null` or a plain number `-?(0|[1-9]d*)(.d+)?` of at most 24
        /// characters. Numbers with an exponent or more digits are declined (full parser): the
        /// full parser rejects some of them (out of range: `1e400`, found by fuzzing), and no SDK
        /// writes them in the events this scanner reads.
        func readScalar() -> Bool {
            func isDigit(_ k: Int) -> Bool { k < n && bytes[k] >= 0x30 && bytes[k] <= 0x39 }
            for literal in ["true", "false", "null"] where i < n && bytes[i] == literal.utf8.first! {
                guard i + literal.utf8.count <= n, zip(literal.utf8, bytes[i...]).allSatisfy({ $0 == $1 }) else { return false }
                i += literal.utf8.count
                return true
            }
            let start = i
            if i < n && bytes[i] == UInt8(ascii: "-") { i += 1 }
            guard isDigit(i) else { return false }
            if bytes[i] == UInt8(ascii: "0") { i += 1 } else { while isDigit(i) { i += 1 } }
            if i < n && bytes[i] == UInt8(ascii: ".") {
                i += 1
                guard isDigit(i) else { return false }
                while isDigit(i) { i += 1 }
            }
            if i < n && (bytes[i] == UInt8(ascii: "e") || bytes[i] == UInt8(ascii: "E")) { return false }
            return i - start <= 24
        }
        func equals(_ r: Range<Int>, _ literal: UnsafeRawBufferPointer) -> Bool {
            r.count == literal.count && zip(r, literal).allSatisfy { bytes[$0] == $1 }
        }
        let typeKey: StaticString = "type"
        let typeBytes = UnsafeRawBufferPointer(start: typeKey.utf8Start, count: typeKey.utf8CodeUnitCount)
        var type: Range<Int>?, value: Range<Int>?
        skipSpace()
        guard i < n, bytes[i] == open else { return nil }
        i += 1
        skipSpace()
        if i < n && bytes[i] == close { i += 1 } else {
            while true {
                skipSpace()
                guard let key = readString() else { return nil }
                skipSpace()
                guard i < n, bytes[i] == colon else { return nil }
                i += 1
                skipSpace()
                guard i < n else { return nil }
                if bytes[i] == quote {
                    guard let string = readString() else { return nil }
                    if equals(key, typeBytes) { type = string } else if equals(key, field) { value = string }
                } else {
                    // A bare scalar: true, false, null or a JSON number.
                    guard readScalar() else { return nil }
                    if equals(key, typeBytes) || equals(key, field) { return nil }  // not a string: full parser
                }
                skipSpace()
                guard i < n else { return nil }
                if bytes[i] == comma { i += 1; continue }
                guard bytes[i] == close else { return nil }
                i += 1
                break
            }
        }
        skipSpace()
        guard i == n else { return nil }
        return (type, value)
    }
}

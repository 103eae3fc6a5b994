#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

// Thin wrappers so kernels need no platform import of their own.
@inlinable @inline(__always) func _cos(_ x: Double) -> Double { cos(x) }
@inlinable @inline(__always) func _exp(_ x: Double) -> Double { exp(x) }

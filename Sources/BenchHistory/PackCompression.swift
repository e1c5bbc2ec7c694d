import BenchModel
import CZlib
import Foundation

/// gzip (RFC 1952) through zlib, the way packs need it: deterministic on the way in, capped on
/// the way out.
///
/// Deterministic: a fixed level, window and memory level, and a gzip header set by hand with no
/// file name, a modification time of 0 and the "unknown" operating system (255). zlib's own
/// default header names the OS it was built for (3 on Linux, 19 on macOS), which would make the
/// same runs give different bytes on two platforms. The same zlib gives the same bytes for the
/// same input; a different zlib release may compress differently, which is harmless because a
/// pack already written is never rewritten and readers only check its content.
///
/// Capped: inflating stops with an error once the output would pass `limit`, so a small file
/// that inflates to gigabytes costs nothing.
enum PackCompression {
    /// zlib's default trade-off: within a few per cent of level 9 on run JSON, at half its time.
    static let level: Int32 = 6

    enum Failure: Error {
        case zlib(String)
        case overLimit(Int64)
        case truncated
        case trailingBytes

        var reason: String {
            switch self {
            case let .zlib(message): "not a valid gzip stream (\(message))"
            case let .overLimit(limit): "inflates to more than \(UnitFormat.mebibytes(limit))"
            case .truncated: "the gzip stream ends early (a truncated file)"
            case .trailingBytes: "bytes follow the end of the gzip stream"
            }
        }
    }

    static func gzip(_ input: Data) throws(Failure) -> Data {
        var stream = z_stream()
        // 15 + 16: the largest window, with a gzip wrapper instead of zlib's.
        var status = deflateInit2_(
            &stream, level, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size))
        guard status == Z_OK else { throw .zlib("deflateInit2 returned \(status)") }
        defer { deflateEnd(&stream) }
        var header = gz_header()
        header.os = 255
        header.time = 0
        status = deflateSetHeader(&stream, &header)
        guard status == Z_OK else { throw .zlib("deflateSetHeader returned \(status)") }

        var output = Data(count: Int(deflateBound(&stream, uLong(input.count))))
        let (result, produced) = input.withUnsafeBytes { (source: UnsafeRawBufferPointer) -> (Int32, Int) in
            output.withUnsafeMutableBytes { (target: UnsafeMutableRawBufferPointer) -> (Int32, Int) in
                stream.next_in = UnsafeMutablePointer(mutating: source.bindMemory(to: Bytef.self).baseAddress)
                stream.avail_in = uInt(source.count)
                stream.next_out = target.bindMemory(to: Bytef.self).baseAddress
                stream.avail_out = uInt(target.count)
                // deflateBound leaves room for everything, so one call with Z_FINISH ends the stream.
                let result = deflate(&stream, Z_FINISH)
                return (result, target.count - Int(stream.avail_out))
            }
        }
        guard result == Z_STREAM_END else { throw .zlib("deflate returned \(result)") }
        output.count = produced
        return output
    }

    /// The bytes `input` (one gzip member) inflates to; an error when they would pass `limit`,
    /// when the stream is damaged or cut short (the CRC and length at its end are checked), or
    /// when anything follows it.
    static func gunzip(_ input: Data, limit: Int64) throws(Failure) -> Data {
        var stream = z_stream()
        let status = inflateInit2_(&stream, 15 + 16, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size))
        guard status == Z_OK else { throw .zlib("inflateInit2 returned \(status)") }
        defer { inflateEnd(&stream) }
        // The gzip trailer's size (modulo 4 GiB) as the first guess, within the cap; one byte over
        // the cap is room to notice a stream that passes it.
        let cap = Int(min(limit, Int64(Int.max - 1))) + 1
        var output = Data(count: min(cap, max(Self.trailerSize(input), 1 << 16)))
        var produced = 0
        var consumed = 0
        while true {
            if produced == output.count {
                guard output.count < cap else { throw .overLimit(limit) }
                output.count = min(cap, output.count * 2)
            }
            // Pointers into both buffers are valid only inside these closures: zlib gets them anew
            // on every call, at the offsets reached.
            let result = input.withUnsafeBytes { (source: UnsafeRawBufferPointer) -> Int32 in
                output.withUnsafeMutableBytes { (buffer: UnsafeMutableRawBufferPointer) -> Int32 in
                    guard let source = source.bindMemory(to: Bytef.self).baseAddress,
                        let target = buffer.bindMemory(to: Bytef.self).baseAddress
                    else { return Z_BUF_ERROR }
                    stream.next_in = UnsafeMutablePointer(mutating: source + consumed)
                    stream.avail_in = uInt(input.count - consumed)
                    stream.next_out = target + produced
                    stream.avail_out = uInt(buffer.count - produced)
                    let before = (stream.avail_in, stream.avail_out)
                    let result = inflate(&stream, Z_NO_FLUSH)
                    consumed += Int(before.0 - stream.avail_in)
                    produced += Int(before.1 - stream.avail_out)
                    return result
                }
            }
            switch result {
            case Z_STREAM_END:
                if consumed != input.count { throw .trailingBytes }
                if produced > cap - 1 { throw .overLimit(limit) }
                output.count = produced
                return output
            case Z_OK:
                continue
            case Z_BUF_ERROR:
                // No progress with room to write: the input ran out before the stream ended.
                if produced < output.count { throw .truncated }
            default:
                throw .zlib(stream.msg.map { String(cString: $0) } ?? "error \(result)")
            }
        }
    }

    /// ISIZE, the last four bytes of a gzip member: the inflated size modulo 2^32.
    private static func trailerSize(_ input: Data) -> Int {
        guard input.count >= 18 else { return 0 }
        let bytes = input.suffix(4).map(Int.init)
        return bytes[0] | bytes[1] << 8 | bytes[2] << 16 | bytes[3] << 24
    }
}

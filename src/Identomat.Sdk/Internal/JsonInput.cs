namespace Identomat.Sdk.Internal;

/// <summary>
/// The gate every JSON input passes before it is read into the SDK's types. System.Text.Json 8 reads strings lazily
/// (invalid UTF-8 and lone-surrogate escapes fail only when a value is read, as <see cref="InvalidOperationException"/>)
/// and has no option to refuse duplicate property names: this closes both gaps in one linear pass, by hand because no
/// library does it. Strict inputs (session flows, callbacks) are checked and refused with a path; lenient inputs
/// (results) are repaired, so an accepted result is always writable and every accessor total.
/// </summary>
internal static class JsonInput
{
    /// <summary>The nesting depth every reader allows (System.Text.Json's default).</summary>
    public const int MaxDepth = 64;

    private static readonly byte[] Utf8Bom = [0xEF, 0xBB, 0xBF];

    /// <summary>
    /// A parser's exception without the text it quotes from the input: System.Text.Json's messages carry the JSON path,
    /// built from the sender's property names, which must not reach an exception's <c>ToString()</c> (and so logs).
    /// Keeps the type, the line and the byte position.
    /// </summary>
    public static Exception? WithoutServerText(Exception? exception) => exception switch
    {
        null => null,
        JsonException json => new JsonException(
            $"The JSON is malformed or not of the expected shape at line {(json.LineNumber ?? 0) + 1}, byte {(json.BytePositionInLine ?? 0) + 1}.",
            path: null,
            json.LineNumber,
            json.BytePositionInLine),
        _ => new InvalidDataException($"The answer could not be read ({exception.GetType().Name})."),
    };

    /// <summary>The input without a leading UTF-8 byte order mark.</summary>
    public static ReadOnlyMemory<byte> WithoutBom(ReadOnlyMemory<byte> json) =>
        json.Span.StartsWith(Utf8Bom) ? json.Slice(Utf8Bom.Length) : json;

    /// <summary>
    /// The first reason <paramref name="json"/> cannot be read safely: malformed or too deeply nested JSON, text that is
    /// not valid UTF-8 or holds a lone surrogate, or (when asked) a property name repeated within one object. Null when
    /// there is none. The path is in the SDK's validation form (<c>steps[0].flags</c>, <c>$</c> for the root).
    /// </summary>
    public static ValidationError? FindProblem(ReadOnlySpan<byte> json, bool refuseDuplicates) => FindProblem(json, refuseDuplicates, out _);

    /// <inheritdoc cref="FindProblem(ReadOnlySpan{byte}, bool)"/>
    /// <param name="json">The UTF-8 JSON.</param>
    /// <param name="refuseDuplicates">Whether a property name repeated within one object is a problem.</param>
    /// <param name="malformed">The parser's exception, when the problem is malformed JSON.</param>
    public static ValidationError? FindProblem(ReadOnlySpan<byte> json, bool refuseDuplicates, out JsonException? malformed)
    {
        malformed = null;
        // MaxDepth 64 is also the reader's default; stated so that the limit is visible.
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = MaxDepth });
        var frames = new List<Frame>();
        try
        {
            while (reader.Read())
            {
                switch (reader.TokenType)
                {
                    case JsonTokenType.PropertyName:
                        var frame = frames[frames.Count - 1];
                        if (!TryReadText(ref reader, materialize: true, out var name))
                        {
                            return new ValidationError(PathOf(frames), "a property name is not valid text (invalid UTF-8 or a lone surrogate)");
                        }

                        frame.Name = name;
                        if (refuseDuplicates && !(frame.Names ??= new HashSet<string>(StringComparer.Ordinal)).Add(name!))
                        {
                            return new ValidationError(PathOf(frames), "this property appears more than once in its object");
                        }

                        break;
                    case JsonTokenType.StartObject:
                    case JsonTokenType.StartArray:
                        NextValue(frames);
                        frames.Add(new Frame(reader.TokenType == JsonTokenType.StartArray));
                        break;
                    case JsonTokenType.EndObject:
                    case JsonTokenType.EndArray:
                        frames.RemoveAt(frames.Count - 1);
                        break;
                    case JsonTokenType.String:
                        NextValue(frames);
                        // Values are only checked, not kept (materializing them gives the same answer at the cost of a string).
                        if (!TryReadText(ref reader, materialize: false, out _))
                        {
                            return new ValidationError(PathOf(frames), "the string is not valid text (invalid UTF-8 or a lone surrogate)");
                        }

                        break;
                    default:
                        NextValue(frames);
                        break;
                }
            }
        }
        catch (JsonException ex)
        {
            malformed = ex;
            return new ValidationError(PathOf(frames), $"malformed JSON at line {(ex.LineNumber ?? 0) + 1}, byte {(ex.BytePositionInLine ?? 0) + 1}");
        }

        return null;
    }

    /// <summary>
    /// A readable copy of a lenient input: invalid UTF-8 sequences (overlong forms included) and escaped lone
    /// surrogates become U+FFFD, a leading byte order mark is dropped. Returns the input itself when it needs nothing.
    /// Linear; the escape rewrite keeps every offset (<c>\uD800</c> becomes <c>\uFFFD</c> in place).
    /// </summary>
    public static ReadOnlyMemory<byte> Repair(ReadOnlyMemory<byte> json)
    {
        json = WithoutBom(json);
        if (!IsValidUtf8(json.Span))
        {
            // The default UTF-8 decoder replaces every invalid sequence with U+FFFD; JSON's structure is ASCII, so it
            // survives the round trip unchanged.
            json = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(json.ToArray()));
        }

        byte[]? copy = null;
        var span = json.Span;
        var i = 0;
        int found;
        while ((found = span.Slice(i).IndexOf((byte)'\\')) >= 0)
        {
            i += found;
            if (i + 5 >= span.Length || span[i + 1] != (byte)'u' || !TryHex(span, i + 2, out var unit))
            {
                i += 2;
                continue;
            }

            if (unit is >= 0xD800 and <= 0xDBFF && i + 11 < span.Length && span[i + 6] == (byte)'\\' && span[i + 7] == (byte)'u'
                && TryHex(span, i + 8, out var low) && low is >= 0xDC00 and <= 0xDFFF)
            {
                i += 12;
                continue;
            }

            if (unit is >= 0xD800 and <= 0xDFFF)
            {
                copy ??= json.ToArray();
                "FFFD"u8.CopyTo(copy.AsSpan(i + 2));
            }

            i += 6;
        }

        return copy ?? json;
    }

    /// <summary>True when the bytes are well-formed UTF-8 (no overlong forms, no encoded surrogates).</summary>
    public static bool IsValidUtf8(ReadOnlySpan<byte> bytes)
    {
#if NET8_0_OR_GREATER
        return System.Text.Unicode.Utf8.IsValid(bytes);
#else
        // netstandard2.0 has no validator: a strict decoder throws on the first invalid sequence.
        try
        {
            _ = StrictUtf8.GetCharCount(bytes.ToArray());
            return true;
        }
        catch (DecoderFallbackException)
        {
            return false;
        }
#endif
    }

    /// <summary>UTF-8 that throws on invalid bytes and on lone surrogates, instead of replacing them.</summary>
    public static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private static bool TryReadText(ref Utf8JsonReader reader, bool materialize, out string? text)
    {
        text = null;
        // A fast path only: an unescaped value is valid exactly when its bytes are valid UTF-8, which GetString would
        // also check at the cost of a string for every value of the input.
        if (!reader.ValueIsEscaped && !materialize)
        {
            return IsValidUtf8(reader.ValueSpan);
        }

        try
        {
            text = reader.GetString();
            return true;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    private static void NextValue(List<Frame> frames)
    {
        if (frames.Count > 0 && frames[frames.Count - 1].IsArray)
        {
            frames[frames.Count - 1].Index++;
        }
    }

    private static string PathOf(List<Frame> frames)
    {
        var path = new StringBuilder();
        foreach (var frame in frames)
        {
            if (frame.IsArray ? frame.Index >= 0 : frame.Name is not null)
            {
                path.Append(frame.IsArray ? JsonPath.Item(frame.Index) : JsonPath.Member(frame.Name!));
            }
        }

        return JsonPath.FromRoot(path.ToString());
    }

    private static bool TryHex(ReadOnlySpan<byte> span, int start, out int value)
    {
        var parsed = System.Buffers.Text.Utf8Parser.TryParse(span.Slice(start, 4), out ushort unit, out var consumed, 'X') && consumed == 4;
        value = unit;
        return parsed;
    }

    private sealed class Frame
    {
        public Frame(bool isArray) => IsArray = isArray;

        public bool IsArray { get; }

        public int Index { get; set; } = -1;

        public string? Name { get; set; }

        public HashSet<string>? Names { get; set; }
    }
}

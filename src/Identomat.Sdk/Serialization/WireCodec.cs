using System.Globalization;
using System.Text.Json;

namespace Identomat.Sdk.Serialization;

/// <summary>Writes one kind of value to the wire and reads it back, reporting a wrong JSON kind with its path.</summary>
/// <typeparam name="T">The property type, nullable where the property may be unset.</typeparam>
internal abstract class WireCodec<T>
{
    /// <summary>Writes a value that is set (never null).</summary>
    public abstract void Write(Utf8JsonWriter writer, T value);

    /// <summary>Reads a value; on a wrong kind, reports it and returns default.</summary>
    public abstract T? Read(JsonElement element, ReadContext context, string path);
}

/// <summary>The codecs of the wire format's value kinds.</summary>
internal static class WireCodecs
{
    public static readonly WireCodec<bool?> Bool = new Simple<bool?>(
        (w, v) => w.WriteBooleanValue(v!.Value),
        e => e.ValueKind is JsonValueKind.True or JsonValueKind.False ? e.GetBoolean() : null,
        "true or false");

    public static readonly WireCodec<int?> Int = new Simple<int?>(
        (w, v) => w.WriteNumberValue(v!.Value),
        e => e.ValueKind == JsonValueKind.Number && e.TryGetInt32(out var i) ? i : null,
        "a whole number");

    public static readonly WireCodec<string?> String = new Simple<string?>(
        (w, v) => w.WriteStringValue(v),
        e => e.ValueKind == JsonValueKind.String ? e.GetString() : null,
        "a string");

    public static readonly WireCodec<Uri?> Uri = new Simple<Uri?>(
        (w, v) => w.WriteStringValue(v!.OriginalString),
        e => e.ValueKind == JsonValueKind.String && System.Uri.TryCreate(e.GetString(), UriKind.RelativeOrAbsolute, out var uri) ? uri : null,
        "a URL string");

    /// <summary>ISO 8601 in UTC with milliseconds and <c>Z</c>, whatever offset the value had.</summary>
    public static readonly WireCodec<DateTimeOffset?> UtcTime = new Simple<DateTimeOffset?>(
        (w, v) => w.WriteStringValue(FormatUtc(v!.Value)),
        e => e.ValueKind == JsonValueKind.String
            && DateTimeOffset.TryParse(e.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t) ? t : null,
        "an ISO 8601 date and time");

    public static readonly WireCodec<IReadOnlyList<string>?> Strings = ListOf(new Simple<string>(
        (w, v) => w.WriteStringValue(v), e => e.ValueKind == JsonValueKind.String ? e.GetString() : null, "a string"));

    public static readonly WireCodec<LanguageCode?> Language = Value<LanguageCode>(s => new(s), v => v.Value);

    public static readonly WireCodec<IReadOnlyList<LanguageCode>?> Languages = ValuesOf<LanguageCode>(s => new(s), v => v.Value);

    public static readonly WireCodec<IReadOnlyList<DocumentType>?> DocumentTypes = ValuesOf<DocumentType>(s => new(s), v => v.Value);

    public static readonly WireCodec<IReadOnlyList<GeneralDocumentType>?> GeneralDocumentTypes = ValuesOf<GeneralDocumentType>(s => new(s), v => v.Value);

    public static readonly WireCodec<IReadOnlyList<FileType>?> FileTypes = ValuesOf<FileType>(s => new(s), v => v.Value);

    public static WireCodec<IReadOnlyList<T>?> ListOf<T>(WireCodec<T> item) => new ListCodec<T>(item);

    public static WireCodec<IReadOnlyList<T>?> ValuesOf<T>(Func<string, T> create, Func<T, string> value)
        where T : struct =>
        ListOf(new Simple<T>((w, v) => w.WriteStringValue(value(v)), e => e.ValueKind == JsonValueKind.String ? create(e.GetString()!) : null, "a string"));

    public static WireCodec<T?> Value<T>(Func<string, T> create, Func<T, string> value)
        where T : struct =>
        new Simple<T?>((w, v) => w.WriteStringValue(value(v!.Value)), e => e.ValueKind == JsonValueKind.String ? create(e.GetString()!) : null, "a string");

    public static string FormatUtc(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    private sealed class Simple<T> : WireCodec<T>
    {
        private readonly Action<Utf8JsonWriter, T> _write;
        private readonly Func<JsonElement, object?> _read;
        private readonly string _expected;

        public Simple(Action<Utf8JsonWriter, T> write, Func<JsonElement, object?> read, string expected)
        {
            _write = write;
            _read = read;
            _expected = expected;
        }

        public override void Write(Utf8JsonWriter writer, T value) => _write(writer, value);

        public override T? Read(JsonElement element, ReadContext context, string path)
        {
            if (_read(element) is T value)
            {
                return value;
            }

            context.Expected(path, _expected, element);
            return default;
        }
    }

    private sealed class ListCodec<T> : WireCodec<IReadOnlyList<T>?>
    {
        private readonly WireCodec<T> _item;

        public ListCodec(WireCodec<T> item) => _item = item;

        public override void Write(Utf8JsonWriter writer, IReadOnlyList<T>? value)
        {
            writer.WriteStartArray();
            foreach (var item in value!)
            {
                _item.Write(writer, item);
            }

            writer.WriteEndArray();
        }

        public override IReadOnlyList<T>? Read(JsonElement element, ReadContext context, string path)
        {
            if (element.ValueKind != JsonValueKind.Array)
            {
                context.Expected(path, "an array", element);
                return null;
            }

            var items = new List<T>(element.GetArrayLength());
            var index = 0;
            foreach (var child in element.EnumerateArray())
            {
                var errors = context.Errors.Count;
                var item = _item.Read(child, context, ReadContext.Item(path, index++));
                if (context.Errors.Count == errors)
                {
                    items.Add(item!);
                }
            }

            return Internal.ValueList<T>.From(items);
        }
    }
}

namespace Identomat.Sdk.Serialization;

/// <summary>
/// The converter a set of options uses for <typeparamref name="T"/>, remembered for the last options seen: the wire
/// converters are shared, and a lookup in the options for every element of every list costs more than writing a small
/// element, a cost that grows with the size of the flow or result.
/// </summary>
/// <typeparam name="T">The converted type.</typeparam>
internal sealed class ConverterCache<T>
{
    private Entry? _last;

    public JsonConverter<T> For(JsonSerializerOptions options)
    {
        var last = _last;
        if (last is not null && ReferenceEquals(last.Options, options))
        {
            return last.Converter;
        }

        var converter = RequestJson.ConverterOf<T>(options);
        _last = new Entry(options, converter);
        return converter;
    }

    private sealed class Entry(JsonSerializerOptions options, JsonConverter<T> converter)
    {
        public JsonSerializerOptions Options { get; } = options;

        public JsonConverter<T> Converter { get; } = converter;
    }
}

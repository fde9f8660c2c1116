using System.Text.Json;

namespace Identomat.Sdk.Serialization;

/// <summary>
/// Localized text: an object of language code to string, or a bare string for plain text. Reading accepts both
/// everywhere; validation decides where plain text is allowed.
/// </summary>
internal sealed class TextCodec : WireCodec<LocalizedText?>
{
    public static readonly TextCodec Instance = new();

    public override void Write(Utf8JsonWriter writer, LocalizedText? value)
    {
        if (value!.PlainText is not null)
        {
            writer.WriteStringValue(value.PlainText);
            return;
        }

        writer.WriteStartObject();
        for (var i = 0; i < value.Count; i++)
        {
            var entry = value.At(i);
            writer.WriteString(entry.Key, entry.Value);
        }

        writer.WriteEndObject();
    }

    public override LocalizedText? Read(JsonElement element, ReadContext context, string path)
    {
        if (element.ValueKind == JsonValueKind.String)
        {
            return LocalizedText.Plain(element.GetString()!);
        }

        if (element.ValueKind != JsonValueKind.Object)
        {
            context.Expected(path, "an object of language codes to text", element);
            return null;
        }

        var entries = new List<KeyValuePair<string, string>>();
        foreach (var property in element.EnumerateObject())
        {
            if (property.Value.ValueKind == JsonValueKind.String)
            {
                entries.Add(new(property.Name, property.Value.GetString()!));
            }
            else
            {
                context.Expected(ReadContext.Child(path, property.Name), "a string", property.Value);
            }
        }

        return new LocalizedText(entries);
    }
}

/// <summary>
/// A polymorphic list element chosen by its <c>type</c> discriminator; an unknown type is read by the fallback, so
/// it survives a round trip.
/// </summary>
internal sealed class PolymorphicCodec<TBase> : WireCodec<TBase>
    where TBase : WireObject
{
    private readonly Dictionary<string, Func<JsonElement, ReadContext, string, TBase?>> _known;
    private readonly Func<JsonElement, ReadContext, string, TBase?> _unknown;

    public PolymorphicCodec(
        Dictionary<string, Func<JsonElement, ReadContext, string, TBase?>> known,
        Func<JsonElement, ReadContext, string, TBase?> unknown)
    {
        _known = known;
        _unknown = unknown;
    }

    public override void Write(Utf8JsonWriter writer, TBase value) => value.WriteJson(writer);

    public override TBase? Read(JsonElement element, ReadContext context, string path)
    {
        if (!context.IsObject(element, path))
        {
            return null;
        }

        if (!element.TryGetProperty("type", out var type) || type.ValueKind != JsonValueKind.String)
        {
            context.Error(ReadContext.Child(path, "type"), "required: a string naming the type");
            return null;
        }

        return _known.TryGetValue(type.GetString()!, out var read) ? read(element, context, path) : _unknown(element, context, path);
    }
}

using System.Text.Json;

namespace Identomat.Sdk.Serialization;

/// <summary>
/// Reads a polymorphic element of the wire (a step, a question), chosen by its <c>type</c> discriminator wherever it
/// stands in the object, through that type's metadata, as its <see cref="WireTypeTable{TBase}"/> says; an unknown type is
/// read whole by the fallback type, so it survives a round trip. Hand-written because System.Text.Json 8 polymorphism
/// needs the discriminator first and fails on an unknown one.
/// </summary>
internal static class Discriminated
{
    private const string Discriminator = "type";

    public static TBase Read<TBase>(ref Utf8JsonReader reader, WireTypeTable<TBase> types, JsonSerializerOptions options)
        where TBase : WireObject
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw WireReadException.Expected("an object", reader.TokenType);
        }

        var target = types.Find(FindDiscriminator(reader));
        return (TBase)WireReadException.ReadNested(ref reader, options.GetTypeInfo(target))!;
    }

    // Looks ahead on a copy of the reader (a struct): the serializer has buffered the whole object before calling a
    // converter, so the copy can skip over values without consuming the original.
    private static string FindDiscriminator(Utf8JsonReader scan)
    {
        while (scan.Read() && scan.TokenType == JsonTokenType.PropertyName)
        {
            var isType = scan.ValueTextEquals(Discriminator);
            if (!scan.Read())
            {
                break;
            }

            if (isType)
            {
                return scan.TokenType == JsonTokenType.String
                    ? scan.GetString()!
                    : throw new WireReadException("required: a string naming the type", "." + Discriminator);
            }

            if (!scan.TrySkip())
            {
                break;
            }
        }

        throw new WireReadException("required: a string naming the type", "." + Discriminator);
    }
}

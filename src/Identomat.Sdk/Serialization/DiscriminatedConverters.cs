using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Identomat.Sdk.Internal;

namespace Identomat.Sdk.Serialization;

/// <summary>
/// A polymorphic element of the wire (a step, a question), chosen by its <c>type</c> discriminator wherever it stands in
/// the object and read through that type's generated metadata; an unknown type is read whole by the fallback type, so
/// it survives a round trip. Hand-written because System.Text.Json 8 polymorphism needs the discriminator first and
/// fails on an unknown one.
/// </summary>
/// <typeparam name="TBase">The element's base record.</typeparam>
internal abstract class DiscriminatedConverter<TBase> : JsonConverter<TBase>
    where TBase : WireObject
{
    private const string Discriminator = "type";

    private readonly Dictionary<string, Type> _known = new(StringComparer.Ordinal);
    private readonly Dictionary<Type, IWriter> _writers = new();
    private readonly Type _unknown;

    private protected DiscriminatedConverter(Type unknown) => _unknown = unknown;

    /// <summary>Declares a type: its discriminator (null for the fallback) and how its generated metadata writes it.</summary>
    private protected void Add<T>(string? discriminator)
        where T : TBase
    {
        if (discriminator is not null)
        {
            _known.Add(discriminator, typeof(T));
        }

        _writers.Add(typeof(T), new Writer<T>());
    }

    public override bool HandleNull => true;

    public override TBase Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw WireReadException.Expected("an object", reader.TokenType);
        }

        var type = FindDiscriminator(reader);
        var target = _known.TryGetValue(type, out var known) ? known : _unknown;
        return (TBase)WireReadException.ReadNested(ref reader, options.GetTypeInfo(target))!;
    }

    public override void Write(Utf8JsonWriter writer, TBase value, JsonSerializerOptions options) =>
        _writers[value.GetType()].Write(writer, value, options);

    private interface IWriter
    {
        void Write(Utf8JsonWriter writer, TBase value, JsonSerializerOptions options);
    }

    // The type's own converter, called directly: a nested JsonSerializer.Serialize would start a new write state and
    // flush the writer for every element.
    private sealed class Writer<T> : IWriter
        where T : TBase
    {
        private readonly ConverterCache<T> _converter = new();

        public void Write(Utf8JsonWriter writer, TBase value, JsonSerializerOptions options) =>
            _converter.For(options).Write(writer, (T)value, options);
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

/// <summary>Steps by their <c>type</c>; unknown types become <see cref="UnknownStep"/>.</summary>
internal sealed class StepConverter : DiscriminatedConverter<Step>
{
    public StepConverter()
        : base(typeof(UnknownStep))
    {
        Add<LanguageStep>(LanguageStep.TypeName);
        Add<IdentityDocumentStep>(IdentityDocumentStep.TypeName);
        Add<LivenessStep>(LivenessStep.TypeName);
        Add<ProofOfAddressStep>(ProofOfAddressStep.TypeName);
        Add<SelfieWithIdStep>(SelfieWithIdStep.TypeName);
        Add<VideoCallStep>(VideoCallStep.TypeName);
        Add<PhoneNumberStep>(PhoneNumberStep.TypeName);
        Add<EmailStep>(EmailStep.TypeName);
        Add<GeolocationStep>(GeolocationStep.TypeName);
        Add<UserQuestionnaireStep>(UserQuestionnaireStep.TypeName);
        Add<OperatorQuestionnaireStep>(OperatorQuestionnaireStep.TypeName);
        Add<UnknownStep>(null);
    }
}

/// <summary>Questions by their <c>type</c>; unknown types become <see cref="UnknownQuestion"/>.</summary>
internal sealed class QuestionConverter : DiscriminatedConverter<Question>
{
    public QuestionConverter()
        : base(typeof(UnknownQuestion))
    {
        Add<StringQuestion>(StringQuestion.TypeName);
        Add<MultipleChoiceQuestion>(MultipleChoiceQuestion.TypeName);
        Add<OptionsQuestion>(OptionsQuestion.TypeName);
        Add<DropdownQuestion>(DropdownQuestion.TypeName);
        Add<FileQuestion>(FileQuestion.TypeName);
        Add<AttachmentQuestion>(AttachmentQuestion.TypeName);
        Add<UnknownQuestion>(null);
    }
}

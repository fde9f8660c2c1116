namespace Identomat.Sdk;

/// <summary>
/// Writes a <see cref="Step"/> in its wire form and reads one back by its <c>type</c> (an unknown type as
/// <see cref="UnknownStep"/>), for any <see cref="JsonSerializer"/>: <see cref="Step"/> names it, so an application's
/// own serializer writes a flow as the vendor reads it. The SDK's own reading is stricter and names the JSON path of a
/// problem: prefer <see cref="SessionRequest.ToJson"/> and <see cref="SessionRequest.FromJson"/>.
/// </summary>
public sealed class StepJsonConverter : JsonConverter<Step>
{
    /// <inheritdoc />
    public override bool HandleNull => true;

    /// <inheritdoc />
    public override Step Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        RequestJsonContext.Steps.Read(ref reader, options);

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, Step value, JsonSerializerOptions options) => RequestJsonContext.Steps.Write(writer, value, options);
}

/// <summary>
/// Writes a <see cref="Question"/> in its wire form and reads one back by its <c>type</c> (an unknown type as
/// <see cref="UnknownQuestion"/>), for any <see cref="JsonSerializer"/>: <see cref="Question"/> names it.
/// </summary>
public sealed class QuestionJsonConverter : JsonConverter<Question>
{
    /// <inheritdoc />
    public override bool HandleNull => true;

    /// <inheritdoc />
    public override Question Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        RequestJsonContext.Questions.Read(ref reader, options);

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, Question value, JsonSerializerOptions options) =>
        RequestJsonContext.Questions.Write(writer, value, options);
}

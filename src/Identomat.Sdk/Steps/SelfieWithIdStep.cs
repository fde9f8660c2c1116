namespace Identomat.Sdk;

/// <summary>The selfie-with-ID step (<c>face-document</c>): the user holds the document so face and document are both visible.</summary>
public sealed record SelfieWithIdStep : Step<SelfieWithIdFlags>
{
    /// <summary>The step's <c>type</c>: <c>face-document</c>.</summary>
    public const string TypeName = "face-document";

    /// <summary>The key the server and <see cref="SessionBuilder"/> use when none is given: <c>capture_face_document</c>.</summary>
    public const string DefaultKey = "capture_face_document";

    /// <summary>The title <see cref="SessionBuilder"/> writes when none is given: <c>Selfie with ID</c>.</summary>
    public const string DefaultTitle = "Selfie with ID";

    /// <summary>Creates the step with nothing set.</summary>
    public SelfieWithIdStep()
        : base(TypeName, DefaultKey)
    {
    }
}

/// <summary>Flags of the <see cref="SelfieWithIdStep"/>.</summary>
public sealed record SelfieWithIdFlags : WireObject
{

    /// <summary><c>allow_face_doc_upload</c>: let the user upload an image of themselves holding the document.</summary>
    /// <value>Server default: false.</value>
    [JsonPropertyName("allow_face_doc_upload"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public bool? AllowFaceDocUpload { get; init; }

    /// <summary><c>require_face_document</c>: require a live capture of the user holding the document.</summary>
    /// <value>Server default: false.</value>
    [JsonPropertyName("require_face_document"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public bool? RequireFaceDocument { get; init; }

    /// <summary><c>optional_continue_on_another_device</c>: let the user switch to another device for this step.</summary>
    /// <value>Server default: false.</value>
    [JsonPropertyName("optional_continue_on_another_device"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public bool? OptionalContinueOnAnotherDevice { get; init; }
}

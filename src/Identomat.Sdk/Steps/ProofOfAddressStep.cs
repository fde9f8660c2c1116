namespace Identomat.Sdk;

/// <summary>The proof-of-address step (<c>general-document</c>): the user uploads a utility bill, bank statement or similar.</summary>
public sealed record ProofOfAddressStep : Step<ProofOfAddressFlags>
{
    /// <summary>The step's <c>type</c>: <c>general-document</c>.</summary>
    public const string TypeName = "general-document";

    /// <summary>The key the server and <see cref="SessionBuilder"/> use when none is given: <c>select_general_document</c>.</summary>
    public const string DefaultKey = "select_general_document";

    /// <summary>The title <see cref="SessionBuilder"/> writes when none is given: <c>Proof of address</c>.</summary>
    public const string DefaultTitle = "Proof of address";

    /// <summary>Creates the step with nothing set.</summary>
    public ProofOfAddressStep()
        : base(TypeName, DefaultKey)
    {
    }
}

/// <summary>Flags of the <see cref="ProofOfAddressStep"/>.</summary>
public sealed record ProofOfAddressFlags : WireObject
{

    private readonly IReadOnlyList<GeneralDocumentType>? _generalDocumentTypes;

    /// <summary><c>general_document_types</c>: the document types accepted; see <see cref="GeneralDocumentType"/>.</summary>
    /// <value>Server default: absent or empty accepts every type.</value>
    [JsonPropertyName("general_document_types"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<GeneralDocumentType>? GeneralDocumentTypes
    {
        get => _generalDocumentTypes;
        init => _generalDocumentTypes = ValueList<GeneralDocumentType>.From(value);
    }
}

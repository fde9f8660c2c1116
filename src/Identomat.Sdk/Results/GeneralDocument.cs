namespace Identomat.Sdk;

/// <summary>A general document of a result (<c>generalDocuments[]</c>), e.g. a utility bill given as proof of address.</summary>
public sealed record GeneralDocument : ResultObject
{
    private IReadOnlyList<GeneralDocumentPage>? _pages;

    /// <summary><c>documentType</c>, e.g. <c>UTILITY_BILL</c>, <c>BANK_STATEMENT</c>.</summary>
    [JsonPropertyName("documentType")]
    public string? DocumentType { get; init; }

    /// <summary><c>typeId</c>, e.g. <c>utility_bill</c>.</summary>
    [JsonPropertyName("typeId")]
    public string? TypeId { get; init; }

    /// <summary><c>permanent</c>, as sent (its type is undocumented).</summary>
    [JsonPropertyName("permanent")]
    public JsonElement? Permanent { get; init; }

    /// <summary><c>pages</c>: the document's pages and what was read from them.</summary>
    [JsonPropertyName("pages")]
    [JsonConverter(typeof(LenientListJsonConverter<GeneralDocumentPage>))]
    public IReadOnlyList<GeneralDocumentPage>? Pages { get => _pages; init => _pages = Internal.ValueList<GeneralDocumentPage>.From(value); }

    /// <inheritdoc />
    public override string ToString() => $"GeneralDocument {{ DocumentType = {Internal.PrintableText.Show(DocumentType)}, Pages = {Pages?.Count ?? 0} }}";
}

/// <summary>A page of a <see cref="GeneralDocument"/> (<c>pages[]</c>).</summary>
public sealed record GeneralDocumentPage : ResultObject
{
    private IReadOnlyList<DocumentPageReference>? _documentPages;

    private IReadOnlyList<string>? _statuses;

    /// <summary><c>typeId</c>, e.g. <c>utility-bill</c> (hyphenated here, as sent).</summary>
    [JsonPropertyName("typeId")]
    public string? TypeId { get; init; }

    /// <summary><c>pageNumber</c>.</summary>
    [JsonPropertyName("pageNumber")]
    public int? PageNumber { get; init; }

    /// <summary><c>statuses</c>: check results for the page.</summary>
    [JsonPropertyName("statuses")]
    [JsonConverter(typeof(LenientListJsonConverter<string>))]
    public IReadOnlyList<string>? Statuses { get => _statuses; init => _statuses = Internal.ValueList<string>.From(value); }

    /// <summary><c>documentPages</c>: the source pages.</summary>
    [JsonPropertyName("documentPages")]
    [JsonConverter(typeof(LenientListJsonConverter<DocumentPageReference>))]
    public IReadOnlyList<DocumentPageReference>? DocumentPages
    {
        get => _documentPages;
        init => _documentPages = Internal.ValueList<DocumentPageReference>.From(value);
    }

    /// <summary><c>final</c>: the fields read from the page (an open object).</summary>
    [JsonPropertyName("final")]
    [JsonConverter(typeof(LenientObjectJsonConverter<GeneralDocumentFields>))]
    public GeneralDocumentFields? Final { get; init; }

    /// <inheritdoc />
    public override string ToString() => $"GeneralDocumentPage {{ TypeId = {Internal.PrintableText.Show(TypeId)}, PageNumber = {PageNumber} }}";
}

/// <summary>An entry of <see cref="GeneralDocumentPage.DocumentPages"/>.</summary>
public sealed record DocumentPageReference : ResultObject
{
    /// <summary><c>pageNumber</c>.</summary>
    [JsonPropertyName("pageNumber")]
    public int? PageNumber { get; init; }

    /// <inheritdoc />
    public override string ToString() => $"DocumentPageReference {{ PageNumber = {PageNumber} }}";
}

/// <summary>
/// <c>final</c> of a general-document page: the fields read from it. An open object: fields the SDK does not model
/// are in <see cref="ResultObject.AdditionalProperties"/>. Dates may be empty strings. Personal data: never printed.
/// </summary>
public sealed record GeneralDocumentFields : ResultObject
{
    /// <summary><c>fullName</c>.</summary>
    [JsonPropertyName("fullName")]
    public string? FullName { get; init; }

    /// <summary><c>firstName</c>.</summary>
    [JsonPropertyName("firstName")]
    public string? FirstName { get; init; }

    /// <summary><c>lastName</c>.</summary>
    [JsonPropertyName("lastName")]
    public string? LastName { get; init; }

    /// <summary><c>address</c>.</summary>
    [JsonPropertyName("address")]
    public string? Address { get; init; }

    /// <summary><c>formattedAddress</c>.</summary>
    [JsonPropertyName("formattedAddress")]
    public string? FormattedAddress { get; init; }

    /// <summary><c>street</c>.</summary>
    [JsonPropertyName("street")]
    public string? Street { get; init; }

    /// <summary><c>streetNumber</c>.</summary>
    [JsonPropertyName("streetNumber")]
    public string? StreetNumber { get; init; }

    /// <summary><c>city</c>.</summary>
    [JsonPropertyName("city")]
    public string? City { get; init; }

    /// <summary><c>state</c>.</summary>
    [JsonPropertyName("state")]
    public string? State { get; init; }

    /// <summary><c>country</c>.</summary>
    [JsonPropertyName("country")]
    public string? Country { get; init; }

    /// <summary><c>countryCode</c>.</summary>
    [JsonPropertyName("countryCode")]
    public string? CountryCode { get; init; }

    /// <summary><c>postalCode</c>.</summary>
    [JsonPropertyName("postalCode")]
    public string? PostalCode { get; init; }

    /// <summary><c>latitude</c>.</summary>
    [JsonPropertyName("latitude")]
    public double? Latitude { get; init; }

    /// <summary><c>longitude</c>.</summary>
    [JsonPropertyName("longitude")]
    public double? Longitude { get; init; }

    /// <summary><c>documentIssued</c>, as sent.</summary>
    [JsonPropertyName("documentIssued")]
    public string? DocumentIssued { get; init; }

    /// <summary><c>documentIssuedTime</c>, as sent (ISO 8601 or empty); parsed in <see cref="DocumentIssuedDate"/>.</summary>
    [JsonPropertyName("documentIssuedTime")]
    public string? DocumentIssuedTime { get; init; }

    /// <summary><c>documentExpires</c>, as sent.</summary>
    [JsonPropertyName("documentExpires")]
    public string? DocumentExpires { get; init; }

    /// <summary><c>documentExpiresTime</c>, as sent (ISO 8601), when the server sends it.</summary>
    [JsonPropertyName("documentExpiresTime")]
    public string? DocumentExpiresTime { get; init; }

    /// <summary><c>issuingAuthority</c>.</summary>
    [JsonPropertyName("issuingAuthority")]
    public string? IssuingAuthority { get; init; }

    /// <summary><c>authority</c>.</summary>
    [JsonPropertyName("authority")]
    public string? Authority { get; init; }

    /// <summary><c>registrationNumber</c>.</summary>
    [JsonPropertyName("registrationNumber")]
    public string? RegistrationNumber { get; init; }

    /// <summary>
    /// The issue date from <see cref="DocumentIssuedTime"/> or <see cref="DocumentIssued"/>, whichever holds one, in any
    /// form the server sends (real answers carry an ISO instant such as <c>2024-01-25T22:00:00.000Z</c> in the plain
    /// field). For an instant this is its UTC date: that example is local midnight of 26 January in a country at UTC+2,
    /// and reads as 25 January; use <see cref="DocumentIssuedTimestamp"/> to apply the country's offset yourself.
    /// </summary>
    [JsonIgnore]
    public DateTime? DocumentIssuedDate => ResultDates.Date(DocumentIssuedTime, DocumentIssued);

    /// <summary>The issue as the instant the server sent (ISO 8601 with a time, in either field), when it sent one.</summary>
    [JsonIgnore]
    public DateTimeOffset? DocumentIssuedTimestamp => ResultDates.Instant(DocumentIssuedTime, DocumentIssued);

    /// <summary>The expiry date from <see cref="DocumentExpiresTime"/> or <see cref="DocumentExpires"/>; for an instant its UTC date.</summary>
    [JsonIgnore]
    public DateTime? DocumentExpiryDate => ResultDates.Date(DocumentExpiresTime, DocumentExpires);

    /// <summary>The expiry as the instant the server sent, when it sent one.</summary>
    [JsonIgnore]
    public DateTimeOffset? DocumentExpiryTimestamp => ResultDates.Instant(DocumentExpiresTime, DocumentExpires);

    /// <summary>No values: they are personal data.</summary>
    public override string ToString() => "GeneralDocumentFields { (redacted) }";

    /// <inheritdoc />
    private protected override bool IsOpenObject => true;
}

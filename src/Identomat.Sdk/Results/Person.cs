namespace Identomat.Sdk;

/// <summary>
/// <c>person</c> of a result: the identity read from the document, normalized. Every field is optional (the object may
/// be empty). Dates are kept as sent and also parsed where the format is known. Personal data: never printed.
/// </summary>
public sealed record Person : ResultObject
{
    /// <summary><c>first_name</c>.</summary>
    [JsonPropertyName("first_name")]
    public string? FirstName { get; init; }

    /// <summary><c>last_name</c>.</summary>
    [JsonPropertyName("last_name")]
    public string? LastName { get; init; }

    /// <summary><c>local_first_name</c>: the first name in the document's own script.</summary>
    [JsonPropertyName("local_first_name")]
    public string? LocalFirstName { get; init; }

    /// <summary><c>local_last_name</c>: the last name in the document's own script.</summary>
    [JsonPropertyName("local_last_name")]
    public string? LocalLastName { get; init; }

    /// <summary><c>local_middle_name</c>: the middle name in the document's own script.</summary>
    [JsonPropertyName("local_middle_name")]
    public string? LocalMiddleName { get; init; }

    /// <summary><c>birthday</c>, as sent (<c>M/D/YYYY</c>); parsed in <see cref="DateOfBirth"/>.</summary>
    [JsonPropertyName("birthday")]
    public string? Birthday { get; init; }

    /// <summary><c>birthday_time</c>, as sent (ISO 8601); parsed in <see cref="DateOfBirth"/>.</summary>
    [JsonPropertyName("birthday_time")]
    public string? BirthdayTime { get; init; }

    /// <summary><c>age</c> in years.</summary>
    [JsonPropertyName("age")]
    public int? Age { get; init; }

    /// <summary><c>birth_place</c>.</summary>
    [JsonPropertyName("birth_place")]
    public string? BirthPlace { get; init; }

    /// <summary><c>citizenship</c>.</summary>
    [JsonPropertyName("citizenship")]
    public string? Citizenship { get; init; }

    /// <summary><c>nationality</c>.</summary>
    [JsonPropertyName("nationality")]
    public string? Nationality { get; init; }

    /// <summary><c>issuing_state</c>: ISO 3166-1 alpha-3 code of the issuing country.</summary>
    [JsonPropertyName("issuing_state")]
    public string? IssuingState { get; init; }

    /// <summary><c>document_number</c>.</summary>
    [JsonPropertyName("document_number")]
    public string? DocumentNumber { get; init; }

    /// <summary><c>personal_number</c>: the national identification number.</summary>
    [JsonPropertyName("personal_number")]
    public string? PersonalNumber { get; init; }

    /// <summary><c>document_issued</c>, as sent.</summary>
    [JsonPropertyName("document_issued")]
    public string? DocumentIssued { get; init; }

    /// <summary><c>document_expires</c>, as sent (<c>M/D/YYYY</c>); parsed in <see cref="DocumentExpiryDate"/>.</summary>
    [JsonPropertyName("document_expires")]
    public string? DocumentExpires { get; init; }

    /// <summary><c>document_expires_time</c>, as sent (ISO 8601); parsed in <see cref="DocumentExpiryDate"/>.</summary>
    [JsonPropertyName("document_expires_time")]
    public string? DocumentExpiresTime { get; init; }

    /// <summary><c>authority</c>: the issuing authority.</summary>
    [JsonPropertyName("authority")]
    public string? Authority { get; init; }

    /// <summary><c>local_authority</c>: the issuing authority in the document's own script.</summary>
    [JsonPropertyName("local_authority")]
    public string? LocalAuthority { get; init; }

    /// <summary><c>sex</c>: <c>M</c> or <c>F</c>, as sent.</summary>
    [JsonPropertyName("sex")]
    public string? Sex { get; init; }

    /// <summary><c>address</c>.</summary>
    [JsonPropertyName("address")]
    public string? Address { get; init; }

    /// <summary><c>email</c>.</summary>
    [JsonPropertyName("email")]
    public string? Email { get; init; }

    /// <summary><c>phone</c>.</summary>
    [JsonPropertyName("phone")]
    public string? Phone { get; init; }

    /// <summary><c>mrz</c>: the machine-readable zone.</summary>
    [JsonPropertyName("mrz")]
    public string? Mrz { get; init; }

    /// <summary><c>status</c>: a data-consistency status such as <c>FIELDS_MISMATCH</c>.</summary>
    [JsonPropertyName("status")]
    public string? Status { get; init; }

    /// <summary>
    /// The date of birth from <see cref="BirthdayTime"/> or <see cref="Birthday"/>, whichever holds one, in any form the
    /// server sends (ISO instant or date, <c>M/D/YYYY</c>); null when neither parses. For an instant this is its UTC
    /// date: a midnight in the issuing country east of UTC reads as the day before (see <see cref="DateOfBirthTimestamp"/>).
    /// </summary>
    [JsonIgnore]
    public DateTime? DateOfBirth => ResultDates.Date(BirthdayTime, Birthday);

    /// <summary>The date of birth as the instant the server sent (ISO 8601 with a time), when it sent one.</summary>
    [JsonIgnore]
    public DateTimeOffset? DateOfBirthTimestamp => ResultDates.Instant(BirthdayTime, Birthday);

    /// <summary>
    /// The document's expiry date from <see cref="DocumentExpiresTime"/> or <see cref="DocumentExpires"/>; for an instant
    /// its UTC date (see <see cref="DocumentExpiryTimestamp"/>).
    /// </summary>
    [JsonIgnore]
    public DateTime? DocumentExpiryDate => ResultDates.Date(DocumentExpiresTime, DocumentExpires);

    /// <summary>The document's expiry as the instant the server sent, when it sent one.</summary>
    [JsonIgnore]
    public DateTimeOffset? DocumentExpiryTimestamp => ResultDates.Instant(DocumentExpiresTime, DocumentExpires);

    /// <summary>The document's issue date from <see cref="DocumentIssued"/>; for an instant its UTC date (see <see cref="DocumentIssuedTimestamp"/>).</summary>
    [JsonIgnore]
    public DateTime? DocumentIssuedDate => ResultDates.Date(DocumentIssued);

    /// <summary>The document's issue as the instant the server sent, when it sent one.</summary>
    [JsonIgnore]
    public DateTimeOffset? DocumentIssuedTimestamp => ResultDates.Instant(DocumentIssued);

    /// <summary>No values: they are personal data.</summary>
    public override string ToString() => "Person { (redacted) }";
}

using System.Text.Json;

namespace Identomat.Sdk.Testing;

/// <summary>Ready results for <see cref="IdentomatFakeServer.CompleteSession(string, VerificationResult)"/>, shaped like the vendor's.</summary>
public static class FakeResults
{
    /// <summary>An approved session: identity card, live face, a person with the given names.</summary>
    /// <param name="firstName">The person's first name.</param>
    /// <param name="lastName">The person's last name.</param>
    /// <param name="questionnaires">
    /// The questionnaire answers (see <see cref="Answers"/>); none when null. A parameter rather than only
    /// <c>with</c>, which F# has no form of for these records.
    /// </param>
    /// <returns>The result.</returns>
    public static VerificationResult Approved(string firstName = "JANE", string lastName = "DOE", IEnumerable<QuestionnaireAnswers>? questionnaires = null) => new()
    {
        Questionnaires = questionnaires?.ToList(),
        Status = VerificationStatus.Approved,
        Similarity = 0.97,
        IsLive = true,
        DocumentType = DocumentType.Id,
        RejectReason = new RejectReason { Value = string.Empty, Description = string.Empty },
        Name = firstName + " " + lastName,
        FaceImages = 1,
        Person = new Person
        {
            FirstName = firstName,
            LastName = lastName,
            Birthday = "1/2/1990",
            BirthdayTime = "1990-01-02T00:00:00.000Z",
            Age = 36,
            IssuingState = "GEO",
            DocumentNumber = "12AB34567",
            DocumentExpires = "12/31/2030",
            DocumentExpiresTime = "2030-12-31T00:00:00.000Z",
            Sex = "F",
        },
    };

    /// <summary>A rejected session with a reject reason.</summary>
    /// <param name="reason">The machine-readable reason, e.g. <c>face_mismatch</c>.</param>
    /// <param name="description">The reason for a person.</param>
    /// <returns>The result.</returns>
    public static VerificationResult Rejected(string reason = "face_mismatch", string description = "The face does not match the document photo") => new()
    {
        Status = VerificationStatus.Rejected,
        Similarity = 0.21,
        IsLive = true,
        DocumentType = DocumentType.Passport,
        RejectReason = new RejectReason { Value = reason, Description = description },
        Person = new Person(),
    };

    /// <summary>A session waiting for an operator's review, with questionnaire answers.</summary>
    /// <param name="answers">Question key and answer pairs of one questionnaire keyed <c>questionnaire</c>; strings, string arrays or booleans.</param>
    /// <returns>The result.</returns>
    public static VerificationResult ManualCheck(params (string QuestionKey, object Answer)[] answers) => new()
    {
        Status = VerificationStatus.ManualCheck,
        Similarity = 0.8,
        IsLive = true,
        DocumentType = DocumentType.DriverLicense,
        Person = new Person { Status = "FIELDS_MISMATCH" },
        Questionnaires = answers.Length == 0 ? null : [Answers("questionnaire", answers)],
    };

    /// <summary>
    /// The answers to one questionnaire, for a result's <see cref="VerificationResult.Questionnaires"/>:
    /// <c>FakeResults.Approved() with { Questionnaires = [FakeResults.Answers("about_you", ("employment", "employed"))] }</c>.
    /// </summary>
    /// <param name="questionnaireKey">The questionnaire step's key.</param>
    /// <param name="answers">Question key and answer pairs; strings, string arrays or booleans.</param>
    /// <returns>The answers.</returns>
    public static QuestionnaireAnswers Answers(string questionnaireKey, params (string QuestionKey, object Answer)[] answers) => new()
    {
        Key = questionnaireKey,
        Questions = answers.Select(a => new QuestionAnswer { Key = a.QuestionKey, Answer = ToElement(a.Answer) }).ToList(),
    };

    /// <summary>A session the user has not finished: no status yet (the server sends an empty <c>result</c>).</summary>
    /// <returns>The result.</returns>
    public static VerificationResult InProgress() => new() { Similarity = 0, IsLive = false, Person = new Person() };

    private static JsonElement ToElement(object answer) => answer switch
    {
        string text => JsonSerializer.SerializeToElement(text, FakeJsonContext.Default.String),
        bool flag => JsonSerializer.SerializeToElement(flag, FakeJsonContext.Default.Boolean),
        IEnumerable<string> values => JsonSerializer.SerializeToElement(values.ToArray(), FakeJsonContext.Default.StringArray),
        _ => throw new ArgumentException($"An answer is a string, a bool or strings, not {answer.GetType().Name}.", nameof(answer)),
    };
}

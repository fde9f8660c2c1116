namespace Identomat.Sdk;

/// <summary>One AML screening hit (<c>screeningMatches[]</c>).</summary>
public sealed record ScreeningMatch : ResultObject
{
    /// <summary><c>score</c>: how well the record matches.</summary>
    [JsonPropertyName("score")]
    public double? Score { get; init; }

    /// <summary><c>name</c>: the matched person's name.</summary>
    [JsonPropertyName("name")]
    public string? Name { get; init; }

    /// <summary><c>personId</c>: the matched record's id in the screening database.</summary>
    [JsonPropertyName("personId")]
    public string? PersonId { get; init; }

    /// <summary><c>reviewStatus</c>: the review state of the hit.</summary>
    [JsonPropertyName("reviewStatus")]
    public string? ReviewStatus { get; init; }

    /// <summary>The score and review state only.</summary>
    public override string ToString() => $"ScreeningMatch {{ Score = {Score}, ReviewStatus = {Internal.PrintableText.Show(ReviewStatus)} }}";
}

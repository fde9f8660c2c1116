using System;
using System.Threading.Tasks;
using Identomat.Sdk;

internal static class Program
{
    private static async Task<int> Main()
    {
        SessionRequest flow = new SessionBuilder()
            .Language(LanguageCode.English)
            .ForClientUser("user-42")
            .AddIdentityDocument(f => f with { DocumentTypes = [DocumentType.Passport, DocumentType.Id] })
            .AddLiveness(f => f with { ActiveLiveness = true })
            .AddUserQuestionnaire("about_you", "About you", q => q
                .AddSingleChoice("employment", "Employment status", [new("employed", "Employed"), new("student", "Student")], x => x with { Mandatory = true }))
            .Build();
        var request = new SessionRequest { Flags = new SessionFlags { Language = "ka" }, Steps = [new LivenessStep { Key = "face" }] };

        using var client = new IdentomatClient(new IdentomatClientOptions { CompanyKey = "key" });
        try
        {
            IdentomatSession session = await client.BeginSessionAsync(flow);
            VerificationResult result = await client.GetResultAsync(session.Token);
            Console.WriteLine(result.Status == VerificationStatus.Approved);
        }
        catch (IdentomatException ex)
        {
            Console.WriteLine(ex.GetType().Name);
        }

        return request.Validate().Count;
    }
}

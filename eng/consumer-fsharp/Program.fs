open System
open Identomat.Sdk

let request =
    SessionBuilder()
        .Language(LanguageCode.English)
        .ReturnTo(Uri "https://example.com/kyc/done")
        .ForClientUser("user-42")
        .AddIdentityDocument(fun _ -> IdentityDocumentFlags(DocumentTypes = [| DocumentType.Passport; DocumentType.Id |]))
        .AddLiveness(fun _ -> LivenessFlags(ActiveLiveness = true))
        .AddUserQuestionnaire("about_you", "About you", fun q ->
            q.AddSingleChoice("employment", "Employment status",
                              [ QuestionOption("employed", "Employed"); QuestionOption("student", "Student") ],
                              fun _ -> OptionsQuestion(Mandatory = true))
             .AddText("employer", "Employer", fun _ -> StringQuestion(ShowConditions = ShowCondition("employment", "employed")))
            |> ignore)
        .Build()

printfn "%s" (request.ToJson())

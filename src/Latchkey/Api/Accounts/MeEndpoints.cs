using Latchkey.Core.Accounts;
using Latchkey.Core.Common;
using Latchkey.Core.Data;
using Latchkey.Hosting;
using Microsoft.EntityFrameworkCore;

namespace Latchkey.Api.Accounts;

internal static class MeEndpoints
{
    public static RouteGroupBuilder MapMeEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/me", GetMeAsync).WithSummary("The signed-in account.");
        return api;
    }

    internal static async Task<IResult> GetMeAsync(HttpContext context, LatchkeyDbContext db, TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        var session = CurrentSession.Required(context);
        var account = await db.Users.AsNoTracking().Include(a => a.Roles).SingleOrDefaultAsync(a => a.Id == session.AccountId, cancellationToken);
        return account is null
            ? ApiProblems.Result(new Failure(ErrorCodes.NotFound, "The account no longer exists."))
            : TypedResults.Ok(AccountView.From(account, timeProvider.GetUtcNow()));
    }
}

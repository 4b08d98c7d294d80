import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiOperation, ApiResponse } from '@nestjs/swagger';
import { Public } from './public.decorator';
import { ServiceSaturatedError, ValidationFailedError } from '../../common/errors/app-error';
import { ClientSignal } from '../../common/http/client-signal';
import { ApiEnvelope, ApiErrors } from '../../common/openapi/api-envelope.decorators';
import { ApiTag } from '../../common/openapi/api-tag.decorator';
import { AccountLockedError } from '../../common/rate-limit/account-locked.error';
import { ApiRateLimited } from '../../common/rate-limit/api-rate-limited.decorator';
import { StrictRateLimit } from '../../common/rate-limit/strict-rate-limit.decorator';
import { EmailNotVerifiedError, InvalidCredentialsError, UnauthenticatedError } from './auth.errors';
import { AuthService } from './auth.service';
import { LoginDto } from './dto/login.dto';
import { RefreshTokenDto } from './dto/refresh-token.dto';
import { TokenPairResponse } from './dto/token-pair.response';

@ApiTag('auth', 'Sign in, refresh and sign out: the bearer tokens every private route needs')
@Public()
@Controller('auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Post('login')
  @HttpCode(200)
  @StrictRateLimit()
  @ApiOperation({
    summary: 'Sign in',
    description:
      'With `email` (case-insensitive) or `username`, and `password`. Returns a new token pair. While `AUTH_REQUIRE_VERIFIED_EMAIL` is on (the default), an account whose address is not verified gets 403 `EMAIL_NOT_VERIFIED` for the right password.',
  })
  @ApiEnvelope(TokenPairResponse, { description: 'Signed in' })
  @ApiErrors(InvalidCredentialsError, EmailNotVerifiedError, AccountLockedError, ServiceSaturatedError)
  @ApiRateLimited(
    'Too many requests from this client on the strict budget, or too many failed sign-ins for this email or username in the window (RATE_LIMIT_ACCOUNT_MAX, counted whoever tries): retry after the Retry-After header',
  )
  login(@Body() body: LoginDto, @ClientSignal() signal: AbortSignal): Promise<TokenPairResponse> {
    if (body.email !== undefined && body.username !== undefined) {
      throw new ValidationFailedError([
        { field: 'username', message: 'give either email or username, not both' },
      ]);
    }
    const identifier = body.email !== undefined ? { email: body.email } : { username: body.username ?? '' };
    return this.auth.login(identifier, body.password, signal);
  }

  @Post('refresh')
  @HttpCode(200)
  @StrictRateLimit()
  @ApiOperation({
    summary: 'Exchange a refresh token for a new pair',
    description:
      'Refresh tokens rotate: each is exchanged once. Presented again within a few seconds of that (another tab refreshing at the same moment) it gets a new pair of the same sign-in; later, it revokes every token of its sign-in.',
  })
  @ApiEnvelope(TokenPairResponse, { description: 'A new token pair' })
  @ApiErrors(UnauthenticatedError)
  refresh(@Body() body: RefreshTokenDto): Promise<TokenPairResponse> {
    return this.auth.refresh(body.refreshToken);
  }

  @Post('logout')
  @HttpCode(204)
  @StrictRateLimit()
  @ApiOperation({
    summary: 'Sign out',
    description:
      "Revokes the refresh token's whole sign-in. Idempotent: an unknown or revoked token also gives 204.",
  })
  @ApiResponse({ status: 204, description: 'Signed out' })
  async logout(@Body() body: RefreshTokenDto): Promise<void> {
    await this.auth.logout(body.refreshToken);
  }
}

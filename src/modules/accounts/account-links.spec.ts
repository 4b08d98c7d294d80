import { humanDuration, linkWithToken } from './account-links';

describe('account links', () => {
  it('puts the token where the template says', () => {
    expect(linkWithToken('https://app.example/verify?token={token}&x=1', 'abc-_9')).toBe(
      'https://app.example/verify?token=abc-_9&x=1',
    );
    expect(linkWithToken('https://app.example/reset/{token}', 'abc')).toBe('https://app.example/reset/abc');
  });

  it('escapes what a URL would misread', () => {
    expect(linkWithToken('https://app.example/?t={token}', 'a&b')).toBe('https://app.example/?t=a%26b');
  });

  it.each([
    [3600, '1 hour'],
    [7200, '2 hours'],
    [1800, '30 minutes'],
    [86400, '1 day'],
    [172800, '2 days'],
    [5400, '90 minutes'],
    [61, '61 seconds'],
  ])('says %i seconds as "%s"', (seconds, said) => {
    expect(humanDuration(seconds)).toBe(said);
  });
});

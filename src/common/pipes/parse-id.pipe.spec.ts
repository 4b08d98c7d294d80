import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { ValidationFailedError } from '../errors/app-error';
import { IsId, ParseIdPipe } from './parse-id.pipe';

const ID = '4f1d2c3b-aaaa-4bbb-8ccc-123456789abc';
const PARAM = { type: 'param', data: 'id' } as const;

class FilterDto {
  @IsId()
  ownerId: string;
}

describe('ParseIdPipe', () => {
  it('hands on the canonical, lower-case id whatever case it arrives in', async () => {
    await expect(ParseIdPipe.transform(ID.toUpperCase(), PARAM)).resolves.toBe(ID);
    await expect(ParseIdPipe.transform(ID, PARAM)).resolves.toBe(ID);
  });

  it('refuses a malformed id with a 422 naming id', async () => {
    await expect(ParseIdPipe.transform('not-a-uuid', PARAM)).rejects.toBeInstanceOf(ValidationFailedError);
  });
});

describe(IsId.name, () => {
  it('lower-cases an id field and accepts it', async () => {
    const dto = plainToInstance(FilterDto, { ownerId: ID.toUpperCase() });
    expect(dto.ownerId).toBe(ID);
    await expect(validate(dto)).resolves.toEqual([]);
  });

  it('still refuses what is no UUID, and leaves a non-string for validation to refuse', async () => {
    const [bad] = await validate(plainToInstance(FilterDto, { ownerId: 'nope' }));
    expect(bad.constraints).toHaveProperty('isUuid');
    const numeric = plainToInstance(FilterDto, { ownerId: 12 });
    expect(numeric.ownerId).toBe(12);
    expect(await validate(numeric)).toHaveLength(1);
  });
});

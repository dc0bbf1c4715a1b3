import {
  EMPTY_CATALOGUE,
  findService,
  parseCatalogueDocument,
  toCatalogueDocument,
  validateCatalogue,
  withJourney,
  withoutService,
  withService,
  type Catalogue,
} from './catalogue';

const login: Catalogue['journeys'][number] = {
  name: 'User login',
  steps: [
    { title: 'Load page', sloUid: 'web-avail' },
    { title: 'Submit credentials', sloUid: 'login-success' },
  ],
};
const catalogue: Catalogue = {
  services: [{ name: 'checkout', type: 'api', tier: 'critical', owner: 'team-pay' }],
  journeys: [login],
};
const known = new Set(['web-avail', 'login-success']);

describe('parseCatalogueDocument', () => {
  it('round-trips a catalogue through its document', () => {
    expect(parseCatalogueDocument(toCatalogueDocument(catalogue))).toEqual({ catalogue });
  });

  it('keeps the SLO of the journey as a whole, and drops an empty one', () => {
    const whole = { ...catalogue, journeys: [{ ...login, sloUid: 'login-e2e' }] };
    expect(parseCatalogueDocument(toCatalogueDocument(whole))).toEqual({ catalogue: whole });
    expect(parseCatalogueDocument({ ...toCatalogueDocument(whole), journeys: [{ ...login, sloUid: ' ' }] })).toEqual({
      catalogue,
    });
  });

  it('defaults missing lists and drops empty optional text', () => {
    const parsed = parseCatalogueDocument({
      apiVersion: 'burnrate.dev/v1',
      kind: 'Catalogue',
      services: [{ name: ' web ', type: 'web', owner: '' }],
    });
    expect(parsed).toEqual({ catalogue: { services: [{ name: 'web', type: 'web' }], journeys: [] } });
  });

  it('names the field of each structural problem', () => {
    const parsed = parseCatalogueDocument({
      apiVersion: 'burnrate.dev/v1',
      kind: 'Catalogue',
      services: [{ name: 'a', type: 'desktop' }],
      journeys: [{ name: 'j', steps: [{ title: 't' }] }],
    });
    expect('issues' in parsed && parsed.issues.map((i) => i.path)).toEqual([
      'services[0].type',
      'journeys[0].steps[0].sloUid',
    ]);
  });
});

describe('validateCatalogue', () => {
  const cases: Array<{ name: string; catalogue: Catalogue; want: Array<[string, string]> }> = [
    { name: 'a valid catalogue', catalogue, want: [] },
    { name: 'the empty catalogue', catalogue: EMPTY_CATALOGUE, want: [] },
    {
      name: 'duplicate service names, case and spaces aside',
      catalogue: { ...catalogue, services: [...catalogue.services, { name: 'Checkout ', type: 'web' }] },
      want: [['services[1].name', 'Service "Checkout " already exists (services[0])']],
    },
    {
      name: 'an empty service name',
      catalogue: { ...catalogue, services: [{ name: ' ', type: 'api' }] },
      want: [['services[0].name', 'Service name is required']],
    },
    {
      name: 'a journey without steps',
      catalogue: { ...catalogue, journeys: [{ name: 'Empty', steps: [] }] },
      want: [['journeys[0].steps', 'A journey needs at least one step']],
    },
    {
      name: 'an unknown SLO and an untitled step',
      catalogue: {
        ...catalogue,
        journeys: [
          {
            name: 'Checkout',
            steps: [
              { title: '', sloUid: 'web-avail' },
              { title: 'Pay', sloUid: 'gone' },
            ],
          },
        ],
      },
      want: [
        ['journeys[0].steps[0].title', 'Step title is required'],
        ['journeys[0].steps[1].sloUid', 'unknown SLO "gone"'],
      ],
    },
    {
      name: "an unknown SLO of the journey's own",
      catalogue: { ...catalogue, journeys: [{ ...login, sloUid: 'login-e2e' }] },
      want: [['journeys[0].sloUid', 'unknown SLO "login-e2e"']],
    },
    {
      name: 'duplicate journey names',
      catalogue: { ...catalogue, journeys: [login, { ...login, name: 'user login' }] },
      want: [['journeys[1].name', 'Journey "user login" already exists (journeys[0])']],
    },
  ];
  it.each(cases)('$name', ({ catalogue: c, want }) => {
    expect(
      validateCatalogue(c, known)
        .filter((i) => i.severity === 'error')
        .map((i) => [i.path, i.message])
    ).toEqual(want);
  });

  it('does not check SLO uids without the list of stored SLOs', () => {
    const withGone = withJourney(catalogue, { name: 'x', steps: [{ title: 'a', sloUid: 'gone' }] });
    expect(validateCatalogue(withGone)).toEqual([]);
  });

  it('warns about the same SLO twice in a journey', () => {
    const twice = withJourney(EMPTY_CATALOGUE, {
      name: 'x',
      steps: [
        { title: 'a', sloUid: 'web-avail' },
        { title: 'b', sloUid: 'web-avail' },
      ],
    });
    expect(validateCatalogue(twice, known)).toEqual([
      {
        path: 'journeys[0].steps[1].sloUid',
        message: 'this SLO is already a step of the journey',
        severity: 'warning',
      },
    ]);
  });
});

describe('editing', () => {
  it('replaces a renamed service in place, adds a new one, removes one', () => {
    const renamed = withService(catalogue, { name: 'shop', type: 'web' }, 'checkout');
    expect(renamed.services).toEqual([{ name: 'shop', type: 'web' }]);
    const added = withService(renamed, { name: 'batch', type: 'batch' });
    expect(added.services.map((s) => s.name)).toEqual(['shop', 'batch']);
    expect(withoutService(added, 'shop').services.map((s) => s.name)).toEqual(['batch']);
  });

  it('finds a service by name regardless of case', () => {
    expect(findService(catalogue, 'CHECKOUT')?.tier).toBe('critical');
    expect(findService(catalogue, 'other')).toBeUndefined();
  });
});
